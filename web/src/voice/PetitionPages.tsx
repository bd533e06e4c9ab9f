/**
 * Petitions (phản ánh, kiến nghị): filing one (signed in, or with a contact) and following it by its code.
 * The code is the only key: the lookup never shows the petitioner's name or contact.
 */
import { useEffect, useState, type FormEvent } from 'react';
import type { Agency } from '@shared/api/geography';
import { PETITION_CODE_RE } from '@shared/voice/petition';
import { MAX_PETITION_ATTACHMENT_BYTES, MAX_PETITION_ATTACHMENTS, petitionLookupPath } from '@shared/api/voice';
import { ApiError } from '../api/client';
import { voiceApi, type PetitionView } from '../api/voice';
import { fileBase64 } from '../ui/files';
import { newIdempotencyKey } from '../api/dossier';
import { Link, navigate, useQuery } from '../app/router';
import { useSession } from '../app/session';
import { useI18n } from '../i18n';
import { ErrorSummary } from '../ui/ErrorSummary';
import { Checkbox, Radios, Select, TextArea, TextInput } from '../ui/Fields';
import { Loading, PageHeading } from '../ui/Page';
import { ProblemNotice } from '../ui/Problem';
import { SummaryRow } from '../ui/SummaryRow';
import { useApi } from '../ui/useApi';

type Errors = Partial<Record<'petition-kind' | 'petition-agency' | 'petition-title' | 'petition-content' | 'petition-name' | 'petition-email' | 'petition-files', string>>;

export function PetitionPage() {
  const { t } = useI18n();
  const { session } = useSession();
  const signedIn = session?.kind === 'citizen';
  const agencies = useApi<Agency[]>('/api/agencies');
  const [kind, setKind] = useState('');
  const [agencyId, setAgencyId] = useState('');
  const [dossierCode, setDossierCode] = useState(useQuery().get('ho-so') ?? '');
  const [title, setTitle] = useState('');
  const [content, setContent] = useState('');
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [phone, setPhone] = useState('');
  const [consent, setConsent] = useState(false);
  const [files, setFiles] = useState<File[]>([]);
  const [errors, setErrors] = useState<Errors>({});
  const [attempt, setAttempt] = useState(0);
  const [failure, setFailure] = useState<unknown>(null);
  const [filed, setFiled] = useState<PetitionView | null>(null);
  const [busy, setBusy] = useState(false);
  const [key] = useState(newIdempotencyKey);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const errs: Errors = {};
    if (!kind) errs['petition-kind'] = t('petition.kindMissing');
    if (!agencyId && !dossierCode.trim()) errs['petition-agency'] = t('petition.agencyMissing');
    if (title.trim().length < 5) errs['petition-title'] = t('petition.titleMissing');
    if (content.trim().length < 20) errs['petition-content'] = t('petition.contentMissing');
    if (!signedIn && name.trim().length < 2) errs['petition-name'] = t('petition.nameMissing');
    if (!signedIn && !email.trim() && !phone.trim()) errs['petition-email'] = t('petition.contactMissing');
    if (files.length > MAX_PETITION_ATTACHMENTS) errs['petition-files'] = t('petition.filesTooMany', { n: MAX_PETITION_ATTACHMENTS });
    else if (files.some((f) => f.size > MAX_PETITION_ATTACHMENT_BYTES)) errs['petition-files'] = t('petition.fileTooLarge');
    setErrors(errs);
    setAttempt((n) => n + 1);
    if (Object.keys(errs).length) return;
    setBusy(true);
    setFailure(null);
    try {
      const contact = signedIn ? undefined : { name: name.trim(), ...(email.trim() ? { email: email.trim() } : {}), ...(phone.trim() ? { phone: phone.trim() } : {}) };
      const attachments = await Promise.all(files.map(async (f) => ({ fileName: f.name, contentBase64: await fileBase64(f) })));
      const v = await voiceApi.file(
        { kind: kind as 'regulation' | 'conduct', title: title.trim(), content: content.trim(), consentPublish: consent, ...(dossierCode.trim() ? { dossierCode: dossierCode.trim().toUpperCase() } : { agencyId }), ...(contact ? { contact } : {}), ...(attachments.length ? { attachments } : {}) },
        key,
      );
      setFiled(v);
    } catch (err) {
      setFailure(err);
    } finally {
      setBusy(false);
    }
  };

  if (filed)
    return (
      <div className="narrow">
        <div className="panel" role="status">
          <h1>{t('petition.filedTitle')}</h1>
          <p>
            {t('petition.yourCode')}
            <br />
            <strong className="panel__code">{filed.code}</strong>
          </p>
        </div>
        <p>{t('petition.filedLead', { agency: filed.agency })}</p>
        <PetitionDeadlines p={filed} />
        <p>
          <Link to={petitionLookupPath(filed.code)}>{t('petition.follow')}</Link>
        </p>
      </div>
    );

  const summary = Object.entries(errors).map(([target, message]) => ({ target, message: message! }));
  return (
    <div className="narrow">
      <ErrorSummary errors={summary} version={attempt} />
      <PageHeading title={t('petition.title')}>{t('petition.title')}</PageHeading>
      <p>{t('petition.lead')}</p>
      <p>
        <Link to="/phan-anh/tra-cuu">{t('petition.lookupLink')}</Link>
      </p>
      <ProblemNotice error={failure} />
      <form noValidate onSubmit={onSubmit}>
        <Radios
          id="petition-kind"
          label={t('petition.kind')}
          value={kind}
          onChange={setKind}
          error={errors['petition-kind']}
          options={[
            { value: 'conduct', label: t('petition.kindConduct') },
            { value: 'regulation', label: t('petition.kindRegulation') },
          ]}
        />
        <TextInput id="petition-dossier" label={t('petition.dossierCode')} hint={t('petition.dossierCodeHint')} value={dossierCode} onChange={setDossierCode} spellCheck={false} autoComplete="off" />
        {agencies.loading ? (
          <Loading />
        ) : (
          <Select
            id="petition-agency"
            label={t('petition.agency')}
            hint={t('petition.agencyHint')}
            value={agencyId}
            onChange={setAgencyId}
            placeholder={t('petition.agencyChoose')}
            error={errors['petition-agency']}
            options={(agencies.data ?? []).map((a) => ({ value: a.id, label: a.name }))}
          />
        )}
        <TextInput id="petition-title" label={t('petition.subject')} value={title} onChange={setTitle} error={errors['petition-title']} maxLength={200} />
        <TextArea id="petition-content" label={t('petition.content')} hint={t('petition.contentHint')} value={content} onChange={setContent} error={errors['petition-content']} rows={6} />
        {signedIn ? (
          <p>{t('petition.asSignedIn', { name: session!.displayName })}</p>
        ) : (
          <fieldset className="form-group">
            <legend>{t('petition.contact')}</legend>
            <p className="hint">{t('petition.contactHint')}</p>
            <TextInput id="petition-name" label={t('petition.name')} value={name} onChange={setName} error={errors['petition-name']} autoComplete="name" />
            <TextInput id="petition-email" label={t('petition.email')} type="email" value={email} onChange={setEmail} error={errors['petition-email']} autoComplete="email" />
            <TextInput id="petition-phone" label={t('petition.phone')} type="tel" value={phone} onChange={setPhone} autoComplete="tel" />
          </fieldset>
        )}
        <div className={`form-group${errors['petition-files'] ? ' form-group--error' : ''}`}>
          <label className="label" htmlFor="petition-files">
            {t('petition.files')}
          </label>
          <p className="hint" id="petition-files-hint">
            {t('petition.filesHint', { n: MAX_PETITION_ATTACHMENTS })}
          </p>
          {errors['petition-files'] ? (
            <p className="error-message" id="petition-files-error">
              {errors['petition-files']}
            </p>
          ) : null}
          <input
            id="petition-files"
            type="file"
            multiple
            accept="application/pdf,image/jpeg,image/png"
            aria-describedby={`petition-files-hint${errors['petition-files'] ? ' petition-files-error' : ''}`}
            onChange={(e) => setFiles([...(e.target.files ?? [])])}
          />
        </div>
        <Checkbox id="petition-consent" label={t('petition.consent')} hint={t('petition.consentHint')} checked={consent} onChange={setConsent} />
        <button type="submit" className="button" disabled={busy}>
          {t('petition.submit')}
        </button>
      </form>
    </div>
  );
}

function PetitionDeadlines({ p }: { p: PetitionView }) {
  const { t, dateTime } = useI18n();
  return (
    <dl className="summary-list">
      <SummaryRow label={t('petition.agencyHandling')}>{p.agency}</SummaryRow>
      <SummaryRow label={t('petition.receivedAt')}>{dateTime(p.receivedAt)}</SummaryRow>
      <SummaryRow label={t('petition.answerBy')}>{dateTime(p.answerBy)}</SummaryRow>
    </dl>
  );
}

export function PetitionLookupPage() {
  const { t, pick, dateTime } = useI18n();
  const code = useQuery().get('ma') ?? '';
  const [input, setInput] = useState(code);
  const [error, setError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [result, setResult] = useState<PetitionView | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [loading, setLoading] = useState(false);

  useEffect(() => {
    setInput(code);
    setResult(null);
    setFailure(null);
    if (!code) return;
    const c = code.trim().toUpperCase();
    if (!PETITION_CODE_RE.test(c)) {
      setError(t('petition.badCode'));
      return;
    }
    setError(null);
    setLoading(true);
    voiceApi
      .lookup(c)
      .then(setResult)
      .catch((e) => {
        if (e instanceof ApiError && e.status === 404) setError(t('petition.notFound', { code: c }));
        else setFailure(e);
      })
      .finally(() => setLoading(false));
  }, [code, t]);

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const c = input.trim().toUpperCase().replace(/\s+/g, '');
    if (!PETITION_CODE_RE.test(c)) {
      setError(c ? t('petition.badCode') : t('petition.codeMissing'));
      setAttempt((n) => n + 1);
      return;
    }
    navigate(petitionLookupPath(c));
  };

  return (
    <div className="narrow">
      <ErrorSummary errors={error ? [{ target: 'petition-code', message: error }] : []} version={attempt} />
      <PageHeading title={t('petition.lookupTitle')}>{t('petition.lookupTitle')}</PageHeading>
      <form noValidate onSubmit={onSubmit}>
        <TextInput id="petition-code" label={t('petition.code')} hint={t('petition.codeHint')} value={input} onChange={setInput} error={error} spellCheck={false} autoComplete="off" />
        <button type="submit" className="button">
          {t('petition.lookupSubmit')}
        </button>
      </form>
      {loading ? <Loading /> : null}
      <ProblemNotice error={failure} />
      {result ? (
        <section aria-labelledby="petition-result">
          <h2 id="petition-result">{t('petition.result', { code: result.code })}</h2>
          <p>
            <strong className="tag">{pick(result.statusLabel)}</strong>
          </p>
          <dl className="summary-list">
            <SummaryRow label={t('petition.subject')}>{result.title}</SummaryRow>
            <SummaryRow label={t('petition.agencyHandling')}>{result.agency}</SummaryRow>
            {result.escalatedTo ? <SummaryRow label={t('petition.escalatedTo')}>{result.escalatedTo}</SummaryRow> : null}
            <SummaryRow label={t('petition.receivedAt')}>{dateTime(result.receivedAt)}</SummaryRow>
            <SummaryRow label={t('petition.answerBy')}>{dateTime(result.answerBy)}</SummaryRow>
            {result.answeredAt ? <SummaryRow label={t('petition.answeredAt')}>{dateTime(result.answeredAt)}</SummaryRow> : null}
          </dl>
          {result.answer ? (
            <>
              <h3>{t('petition.answer')}</h3>
              <p className="prewrap">{result.answer}</p>
            </>
          ) : null}
          <h3>{t('petition.history')}</h3>
          <ol className="timeline">
            {result.history.map((h, i) => (
              <li key={i}>
                {dateTime(h.at)} — {t(`petition.step.${h.action}` as 'petition.step.file')}
                {h.agency ? ` (${h.agency})` : ''}
              </li>
            ))}
          </ol>
        </section>
      ) : null}
    </div>
  );
}
