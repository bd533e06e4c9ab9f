/** One section of the e-form per page (GOV.UK "one thing per page"), saved as a draft on every "Continue". */
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { ApiError, isSessionEnded } from '../../api/client';
import { dossierApi, type DossierDetail } from '../../api/dossier';
import type { Session } from '../../api/types';
import type { EFormDefinition } from '@shared/eform/eform.types';
import { visibleFields } from '@shared/eform/eform.validate';
import { Link, navigate, useQuery } from '../../app/router';
import { useI18n, type I18n } from '../../i18n';
import { ErrorSummary, type SummaryError } from '../../ui/ErrorSummary';
import { BackLink, Loading, PageHeading } from '../../ui/Page';
import { ProblemNotice } from '../../ui/Problem';
import { clearUnsaved, peekUnsaved, SessionExpiredSummary, stashUnsaved } from '../../ui/SessionExpired';
import { EFormFields, type FieldMessages, type FieldNote } from '../../eform/EFormFields';
import { checkForm, cleanData, errorsOfSection, inputIdOf, topFieldOf, visibleSections, type FieldError, type FormData } from '../../eform/model';
import { uploadableDocuments, useDossierWithVersion } from './useDraft';
import { prefillFromSession } from '../../eform/prefill';
import { useSession } from '../../app/session';

/**
 * Notes for the prefilled fields: the server's registry prefill (its source, locked unless editable), or else the
 * name and ID from the e-ID login that are still in the answers.
 */
function prefillNotes(detail: DossierDetail, def: EFormDefinition, session: Session | null, data: FormData, t: I18n['t'], pick: I18n['pick']): Record<string, FieldNote> {
  const server = detail.prefilled ?? {};
  // A relative who withdrew his own consent to prefill: his data is not filled in, and the form says why.
  const withdrawn: Record<string, FieldNote> = Object.fromEntries(
    (detail.prefillSkipped ?? []).filter((x) => x.reason === 'withdrawn_by_subject').map((x) => [x.field, { locked: false, text: t('form.prefillWithdrawnBySubject') }]),
  );
  if (Object.keys(server).length) {
    return {
      ...withdrawn,
      ...Object.fromEntries(
        Object.entries(server).map(([k, f]) => [k, { locked: f.readOnly, text: f.readOnly ? t('form.fromSourceLocked', { source: pick(f.sourceLabel) }) : t('form.fromSource', { source: pick(f.sourceLabel) }) }]),
      ),
    };
  }
  const pre = prefillFromSession(def, session);
  return { ...withdrawn, ...Object.fromEntries(Object.entries(pre).filter(([k, v]) => data[k] === v).map(([k]) => [k, { locked: true, text: t('form.fromRegistry') }])) };
}

/**
 * Registry values the server offered for fields the form hid when the draft was made (e.g. the father's data before
 * "declare the father" is ticked): filled in as soon as such a field becomes visible, as the server will on saving.
 */
function withOfferedPrefill(def: EFormDefinition, data: FormData, prefilled: DossierDetail['prefilled']): FormData {
  if (!prefilled) return data;
  const visible = new Set(visibleFields(def, data));
  let out = data;
  for (const [field, f] of Object.entries(prefilled)) {
    const empty = out[field] === undefined || out[field] === null || out[field] === '';
    if (empty && f.value !== undefined && f.value !== null && visible.has(field)) out = { ...out, [field]: f.value as FormData[string] };
  }
  return out;
}

/**
 * "Step n of total" over every section the form can show, numbered in the definition's order: an answer that shows
 * or hides a section never renumbers the others (a skipped section leaves its number unused).
 */
export function stepOf(def: EFormDefinition, sectionId: string): { n: number; total: number } {
  return { n: def.ui.sections.findIndex((s) => s.id === sectionId) + 1, total: def.ui.sections.length };
}

export function FormSectionPage({ id, sectionId, base }: { id: string; sectionId?: string; base: string }) {
  const { t, pick, lang } = useI18n();
  const query = useQuery();
  const returnToReview = query.get('tu') === 'kiem-tra';
  const { detail, version, error, loading, setDetail } = useDossierWithVersion(id);
  const { session } = useSession();
  const [data, setData] = useState<FormData | null>(null);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const [expired, setExpired] = useState(false);
  const [restored, setRestored] = useState(false);

  useEffect(() => {
    if (!detail || data !== null) return;
    // Answers typed before the session ended, kept in this tab until saved: given back after signing in again.
    const unsaved = detail.state === 'draft' ? peekUnsaved<FormData>(id) : null;
    setData(unsaved ?? detail.data ?? {});
    setRestored(!!unsaved);
  }, [detail, data, id]);

  useEffect(() => {
    if (detail && detail.state !== 'draft') navigate(base.startsWith('/can-bo') ? `/can-bo/ho-so/${id}` : `/ho-so/${id}`, { replace: true });
  }, [detail, base, id]);

  const def = version?.eform;
  const sections = useMemo(() => (def && data ? visibleSections(def, data) : []), [def, data]);
  const found = sections.findIndex((s) => s.id === sectionId);
  const index = Math.max(0, found);

  // Without a section in the address (starting, or resuming a saved draft): go to the first section still to answer.
  useEffect(() => {
    if (!def || !data || !detail || detail.state !== 'draft' || (sectionId && found >= 0)) return;
    const all = visibleSections(def, data);
    const errs = checkForm(def, data);
    const first = all.find((s) => errorsOfSection(s, errs).length > 0) ?? all[all.length - 1];
    if (first) navigate(`${base}/khai/${first.id}${window.location.search}`, { replace: true });
  }, [def, data, detail, sectionId, found, base]);
  const section = sections[index];

  // Clear errors when moving to another section.
  useEffect(() => {
    setErrors([]);
    setFailure(null);
    setExpired(false);
  }, [sectionId]);

  if (loading || (detail && !data)) return <Loading />;
  if (error || !detail || !version || !def || !data || !section) {
    return (
      <>
        <PageHeading>{t('dossier.cannotOpen')}</PageHeading>
        <ProblemNotice error={error} />
      </>
    );
  }

  const sectionNames = new Set(section.fields);
  const sectionOf = (field: string) => def.ui.sections.find((s) => s.fields.includes(topFieldOf(field)));
  const here = errors.filter((e) => sectionNames.has(topFieldOf(e.field)));
  const elsewhere = errors.filter((e) => !sectionNames.has(topFieldOf(e.field)));
  const messages: FieldMessages = {};
  for (const e of here) messages[e.field] ??= e.message[lang];
  const summary: SummaryError[] = [
    ...here.map((e) => ({ target: inputIdOf(e.field), message: e.message[lang] })),
    ...elsewhere.map((e) => ({ target: null, message: `${pick(sectionOf(e.field)?.title ?? { vi: '', en: '' })}: ${e.message[lang]}` })),
  ];

  const next = () => {
    if (returnToReview) return `${base}/kiem-tra`;
    const after = visibleSections(def, data)[index + 1];
    if (after) return `${base}/khai/${after.id}`;
    return uploadableDocuments(version.documents, def, data).length ? `${base}/dinh-kem` : `${base}/kiem-tra`;
  };

  const save = async (validateSection: boolean, then: string) => {
    setFailure(null);
    if (validateSection) {
      const errs = errorsOfSection(section, checkForm(def, data));
      if (errs.length) {
        setErrors(errs);
        setAttempt((a) => a + 1);
        return;
      }
    }
    setSaving(true);
    setExpired(false);
    // Kept until the save succeeds: if the session has ended, nothing typed is lost.
    stashUnsaved(id, data);
    try {
      // Only what changed since the draft was loaded is sent (a merge patch: null removes an answer now hidden).
      const saved = await dossierApi.saveDraft(id, detail.data, cleanData(def, data));
      clearUnsaved(id);
      setRestored(false);
      setDetail({ ...detail, ...saved });
      setErrors([]);
      navigate(then);
    } catch (e) {
      if (isSessionEnded(e)) {
        setExpired(true);
        return;
      }
      clearUnsaved(id);
      if (e instanceof ApiError && e.fieldErrors.length) {
        setErrors(e.fieldErrors.map((f) => ({ field: f.field.replace(/^data\./, ''), code: (f.code ?? 'type') as FieldError['code'], message: f.message })));
        setAttempt((a) => a + 1);
      } else setFailure(e);
    } finally {
      setSaving(false);
    }
  };

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    void save(true, next());
  };

  const prev = index > 0 ? `${base}/khai/${sections[index - 1].id}` : null;
  return (
    <div className="narrow">
      {returnToReview ? <BackLink to={`${base}/kiem-tra`}>{t('form.backToReview')}</BackLink> : prev ? <BackLink to={prev} /> : null}
      {expired ? <SessionExpiredSummary returnTo={`${base}/khai/${section.id}${window.location.search}`} /> : null}
      <ErrorSummary errors={summary} version={attempt} />
      <ProblemNotice error={failure} />
      {restored && !expired ? (
        <div className="notice notice--success" role="status">
          {t('session.restored')}
        </div>
      ) : null}
      <PageHeading title={pick(section.title)} caption={`${pick(detail.procedure.name)} — ${t('form.stepOf', stepOf(def, section.id))}`}>
        {pick(section.title)}
      </PageHeading>
      {section.description ? <p className="lead">{pick(section.description)}</p> : null}
      {index === 0 && detail.prefillSkipped?.some((x) => x.reason === 'consent_required') ? <div className="notice">
          <p>{t('form.prefillNeedsConsent')}</p>
          <p>
            <Link to="/du-lieu/dong-y">{t('form.prefillConsentLink')}</Link>
          </p>
        </div> : null}
      <form noValidate onSubmit={onSubmit}>
        <EFormFields def={def} fields={section.fields} data={data} onChange={(next) => setData(withOfferedPrefill(def, next, detail.prefilled))} errors={messages} notes={prefillNotes(detail, def, session, data, t, pick)} />
        <div className="button-group">
          <button type="submit" className="button" disabled={saving}>
            {returnToReview ? t('form.saveAndReturn') : t('form.continue')}
          </button>
          <button type="button" className="button button--secondary" disabled={saving} onClick={() => void save(false, base.startsWith('/can-bo') ? '/can-bo' : '/ho-so?luu=1')}>
            {t('form.saveDraft')}
          </button>
        </div>
      </form>
    </div>
  );
}
