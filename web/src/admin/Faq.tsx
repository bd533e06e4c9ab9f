/**
 * The FAQ (hỏi đáp) the platform administrator edits: what the portal's Hỏi đáp page shows and the assistant answers
 * from once published. One form for a new entry or the one being edited.
 */
import { useState } from 'react';
import { ApiError } from '../api/client';
import { voiceApi, type FaqBody, type FaqEntry } from '../api/voice';
import { Link } from '../app/router';
import { useI18n } from '../i18n';
import { ErrorSummary, type SummaryError } from '../ui/ErrorSummary';
import { Checkbox, TextArea, TextInput } from '../ui/Fields';
import { Loading, PageHeading } from '../ui/Page';
import { ProblemNotice } from '../ui/Problem';
import { useApi } from '../ui/useApi';

interface Draft {
  questionVi: string;
  questionEn: string;
  answerVi: string;
  answerEn: string;
  keywords: string;
  procedureKey: string;
  published: boolean;
}
const EMPTY: Draft = { questionVi: '', questionEn: '', answerVi: '', answerEn: '', keywords: '', procedureKey: '', published: true };
const draftOf = (e: FaqEntry): Draft => ({ questionVi: e.question.vi, questionEn: e.question.en, answerVi: e.answer.vi, answerEn: e.answer.en, keywords: e.keywords.join(', '), procedureKey: e.procedureKey ?? '', published: e.published });

export function FaqAdmin() {
  const { t, pick, lang } = useI18n();
  const list = useApi<{ items: FaqEntry[] }>('/api/admin/faq');
  const [editing, setEditing] = useState<string | null>(null);
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [errors, setErrors] = useState<SummaryError[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [failure, setFailure] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (k: keyof Draft) => (v: string | boolean) => setDraft((d) => ({ ...d, [k]: v }));

  const edit = (e: FaqEntry | null) => {
    setEditing(e?.id ?? null);
    setDraft(e ? draftOf(e) : EMPTY);
    setErrors([]);
    setNotice(null);
    document.getElementById('faq-form')?.focus();
  };

  const save = async () => {
    const errs: SummaryError[] = [];
    const need = (k: keyof Draft, id: string, label: string) => {
      if (!String(draft[k]).trim()) errs.push({ target: id, message: t('action.required', { field: label }) });
    };
    need('questionVi', 'faq-q-vi', t('faq.questionVi'));
    need('questionEn', 'faq-q-en', t('faq.questionEn'));
    need('answerVi', 'faq-a-vi', t('faq.answerVi'));
    need('answerEn', 'faq-a-en', t('faq.answerEn'));
    setErrors(errs);
    setAttempt((n) => n + 1);
    if (errs.length) return;
    const body: FaqBody = {
      question: { vi: draft.questionVi.trim(), en: draft.questionEn.trim() },
      answer: { vi: draft.answerVi.trim(), en: draft.answerEn.trim() },
      keywords: draft.keywords.split(',').map((k) => k.trim()).filter(Boolean),
      procedureKey: draft.procedureKey.trim() || null,
      published: draft.published,
    };
    setBusy(true);
    setFailure(null);
    try {
      const saved = editing ? await voiceApi.updateFaq(editing, body) : await voiceApi.createFaq(body);
      setNotice(t(editing ? 'faq.saved' : 'faq.added', { question: pick(saved.question) }));
      setEditing(null);
      setDraft(EMPTY);
      list.reload();
    } catch (e) {
      if (e instanceof ApiError && (e.fieldErrors.length || e.problem.code === 'voice.faq_procedure_unknown')) {
        setErrors(e.fieldErrors.length ? e.fieldErrors.map((f) => ({ target: null, message: f.message[lang] })) : [{ target: 'faq-proc', message: e.problem.titles?.[lang] ?? e.problem.title }]);
        setAttempt((n) => n + 1);
      } else setFailure(e);
    } finally {
      setBusy(false);
    }
  };

  const remove = async (e: FaqEntry) => {
    if (!window.confirm(t('faq.confirmDelete', { question: pick(e.question) }))) return;
    setFailure(null);
    try {
      await voiceApi.deleteFaq(e.id);
      setNotice(t('faq.deleted', { question: pick(e.question) }));
      if (editing === e.id) edit(null);
      list.reload();
    } catch (err) {
      setFailure(err);
    }
  };

  const errMap = new Map(errors.filter((e) => e.target).map((e) => [e.target!, e.message]));
  return (
    <>
      <ErrorSummary errors={errors} version={attempt} />
      <ProblemNotice error={failure ?? list.error} />
      {notice ? (
        <div className="notice notice--success" role="status">
          {notice}
        </div>
      ) : null}
      <PageHeading>{t('faq.adminTitle')}</PageHeading>
      <p className="lead">
        {t('faq.adminLead')} <Link to="/hoi-dap">{t('faq.seePublic')}</Link>
      </p>
      {list.loading ? <Loading /> : null}
      {list.data ? (
        <table className="responsive-table">
          <caption>{t('faq.count', { n: list.data.items.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('faq.question')}</th>
              <th scope="col">{t('faq.status')}</th>
              <th scope="col">{t('faq.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {list.data.items.map((e) => (
              <tr key={e.id}>
                <td data-label={t('faq.question')}>{pick(e.question)}</td>
                <td data-label={t('faq.status')}>{e.published ? t('faq.published') : t('faq.unpublished')}</td>
                <td data-label={t('faq.actions')}>
                  <button type="button" className="button button--secondary" onClick={() => edit(e)} aria-label={t('faq.editOne', { question: pick(e.question) })}>
                    {t('faq.edit')}
                  </button>{' '}
                  <button type="button" className="button button--warning" onClick={() => void remove(e)} aria-label={t('faq.deleteOne', { question: pick(e.question) })}>
                    {t('faq.delete')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <h2 id="faq-form" tabIndex={-1}>
        {editing ? t('faq.editTitle') : t('faq.newTitle')}
      </h2>
      <div className="narrow">
        <TextInput id="faq-q-vi" label={t('faq.questionVi')} value={draft.questionVi} onChange={set('questionVi')} error={errMap.get('faq-q-vi')} maxLength={300} />
        <TextInput id="faq-q-en" label={t('faq.questionEn')} value={draft.questionEn} onChange={set('questionEn')} error={errMap.get('faq-q-en')} maxLength={300} />
        <TextArea id="faq-a-vi" label={t('faq.answerVi')} value={draft.answerVi} onChange={set('answerVi')} error={errMap.get('faq-a-vi')} rows={5} />
        <TextArea id="faq-a-en" label={t('faq.answerEn')} value={draft.answerEn} onChange={set('answerEn')} error={errMap.get('faq-a-en')} rows={5} />
        <TextInput id="faq-kw" label={t('faq.keywords')} hint={t('faq.keywordsHint')} value={draft.keywords} onChange={set('keywords')} />
        <TextInput id="faq-proc" label={t('faq.procedureKey')} hint={t('faq.procedureKeyHint')} value={draft.procedureKey} onChange={set('procedureKey')} error={errMap.get('faq-proc')} />
        <Checkbox id="faq-pub" label={t('faq.publish')} checked={draft.published} onChange={set('published')} />
        <p>
          <button type="button" className="button" disabled={busy} onClick={() => void save()}>
            {editing ? t('faq.saveChanges') : t('faq.add')}
          </button>{' '}
          {editing ? (
            <button type="button" className="button button--secondary" onClick={() => edit(null)}>
              {t('faq.cancel')}
            </button>
          ) : null}
        </p>
      </div>
    </>
  );
}
