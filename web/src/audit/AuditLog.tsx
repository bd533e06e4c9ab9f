/**
 * The audit viewer (nhật ký kiểm tra) for administrators and inspectors (thanh tra): the state of the hash chain and
 * of the transparency log, a search of the audit log by who, what, target, time and agency (newest first, "load
 * more"), and exports (CSV for a spreadsheet, JSON lines to re-verify). The server keeps each one to the caller's
 * agencies and records every search and export.
 */
import { useEffect, useState, type FormEvent } from 'react';
import type { Agency } from '@shared/api/geography';
import { ROLE_LABELS, type ActorRole } from '@shared/dossier/roles';
import { parseDateVi } from '@shared/eform/eform.formats';
import { auditApi, type AuditFilters, type AuditRecord, type AuditVerify } from '../api/audit';
import { hasRole, useSession } from '../app/session';
import { useI18n } from '../i18n';
import type { MessageKey } from '../i18n/vi';
import { ErrorSummary, type SummaryError } from '../ui/ErrorSummary';
import { Select, TextInput } from '../ui/Fields';
import { Loading, PageHeading } from '../ui/Page';
import { ProblemNotice } from '../ui/Problem';
import { useApi } from '../ui/useApi';
import { agenciesInScope } from '../payment/scope';

const CODE = /^[a-z0-9_.]+$/;
const DAY_MS = 86_400_000;
/** The start of a Vietnamese calendar day (UTC+7), as the API's date-time. */
const dayStart = (isoDate: string) => new Date(`${isoDate}T00:00:00+07:00`).toISOString();

/** A hint's examples: codes as codes (they are the same in every language). */
function Examples({ lead, codes }: { lead: string; codes: string[] }) {
  return (
    <>
      {lead}{' '}
      {codes.map((c, i) => (
        <span key={c}>
          {i ? ', ' : null}
          <code>{c}</code>
        </span>
      ))}
    </>
  );
}

function VerificationBanner({ state }: { state: { data?: AuditVerify; error: unknown; loading: boolean } }) {
  const { t, dateTime } = useI18n();
  if (state.loading) return <Loading label={t('audit.verifying')} />;
  if (state.error || !state.data) return <ProblemNotice error={state.error} />;
  const { chain, log, checkedAt } = state.data;
  return (
    <section className={`notice ${state.data.ok ? 'notice--success' : 'notice--error'}`} aria-labelledby="audit-verify-title">
      <h2 id="audit-verify-title">
        {chain.ok ? t('audit.chainOk') : t('audit.chainBroken')}
      </h2>
      <p>
        {chain.ok
          ? t('audit.chainOkText', { sealed: chain.sealed, unsealed: chain.unsealed })
          : t('audit.chainBrokenText', { seq: chain.broken?.chainSeq ?? '—', reason: t(`audit.reason.${chain.broken?.reason ?? 'content_changed'}` as MessageKey) })}
      </p>
      {log ? <p>{log.ok ? t('audit.logOk', { size: log.size, checkpoints: log.checkpoints }) : <>
            {t('audit.logBroken', { n: log.problems.length })} <span lang="en">{log.problems[0]?.detail}</span>
          </>}</p> : null}
      <p className="hint">{t('audit.checkedAt', { at: dateTime(checkedAt) })}</p>
    </section>
  );
}

export function AuditLogPage() {
  const { t, pick, dateTime } = useI18n();
  const { session } = useSession();
  const agencies = useApi<Agency[]>('/api/agencies');
  const verify = useApi<AuditVerify>('/api/admin/audit/verify');
  const platform = hasRole(session, 'platform_admin');
  const choices = platform ? (agencies.data ?? []).map((a) => a.id) : agenciesInScope(session, agencies.data, ['agency_admin', 'inspector']);
  const [form, setForm] = useState({ actor: '', action: '', targetType: '', targetId: '', from: '', to: '', agencyId: '' });
  const [filters, setFilters] = useState<AuditFilters>({});
  const [records, setRecords] = useState<AuditRecord[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [errors, setErrors] = useState<SummaryError[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const run = async (f: AuditFilters, after: string | null) => {
    setBusy(true);
    setFailure(null);
    try {
      const page = await auditApi.search(f, after);
      setRecords((old) => (after && old ? [...old, ...page.records] : page.records));
      setCursor(page.nextCursor);
    } catch (err) {
      setFailure(err);
    } finally {
      setBusy(false);
    }
  };

  useEffect(() => {
    void run({}, null);
  }, []);

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const errs: SummaryError[] = [];
    const from = form.from.trim() ? parseDateVi(form.from) : null;
    const to = form.to.trim() ? parseDateVi(form.to) : null;
    const action = form.action.trim();
    const targetType = form.targetType.trim();
    if (action && !CODE.test(action)) errs.push({ target: 'audit-action', message: t('audit.actionInvalid') });
    if (targetType && !CODE.test(targetType)) errs.push({ target: 'audit-target-type', message: t('audit.targetTypeInvalid') });
    if (form.from.trim() && !from) errs.push({ target: 'audit-from', message: t('search.badDate') });
    if (form.to.trim() && !to) errs.push({ target: 'audit-to', message: t('search.badDate') });
    if (from && to && from > to) errs.push({ target: 'audit-to', message: t('audit.rangeInvalid') });
    setErrors(errs);
    setAttempt((n) => n + 1);
    if (errs.length) return;
    const f: AuditFilters = {
      actor: form.actor.trim() || undefined,
      action: action || undefined,
      targetType: targetType || undefined,
      targetId: form.targetId.trim() || undefined,
      from: from ? dayStart(from) : undefined,
      // "Đến ngày" includes that day: the API's `to` is exclusive, the next day's start.
      to: to ? new Date(Date.parse(dayStart(to)) + DAY_MS).toISOString() : undefined,
      agencyId: form.agencyId || undefined,
    };
    setFilters(f);
    void run(f, null);
  };

  const err = (id: string) => errors.find((x) => x.target === id)?.message;
  const agencyName = (id: string | null) => (id ? (agencies.data?.find((a) => a.id === id)?.name ?? id) : t('audit.noAgency'));
  const who = (r: AuditRecord) => r.actorName ?? (r.actorKind === 'platform' ? t('audit.platform') : r.actorKind === 'anonymous' ? t('audit.anonymous') : r.actorId ? <code>{r.actorId}</code> : '—');
  const role = (r: AuditRecord) => (r.actorRole && ROLE_LABELS[r.actorRole as ActorRole] ? pick(ROLE_LABELS[r.actorRole as ActorRole]) : null);
  const title = t('audit.title');
  return (
    <>
      <ErrorSummary errors={errors} version={attempt} />
      <PageHeading title={title}>{title}</PageHeading>
      <p>{t('audit.lead')}</p>
      <VerificationBanner state={verify} />

      <form noValidate onSubmit={onSubmit} className="narrow" aria-labelledby="audit-search-title">
        <h2 id="audit-search-title">
          {t('audit.searchTitle')}
        </h2>
        <TextInput id="audit-actor" label={t('audit.actor')} hint={t('audit.actorHint')} value={form.actor} onChange={(v) => setForm({ ...form, actor: v })} maxLength={200} />
        <TextInput id="audit-action" label={t('audit.action')} hint={<Examples lead={t('audit.actionHint')} codes={['dossier.submit', 'dossier.']} />} value={form.action} onChange={(v) => setForm({ ...form, action: v })} error={err('audit-action')} spellCheck={false} maxLength={100} />
        <fieldset className="form-group">
          <legend>{t('audit.target')}</legend>
          <div className="two-cols">
            <TextInput id="audit-target-type" label={t('audit.targetType')} hint={<Examples lead={t('audit.targetTypeHint')} codes={['dossier', 'payment', 'agency']} />} value={form.targetType} onChange={(v) => setForm({ ...form, targetType: v })} error={err('audit-target-type')} spellCheck={false} maxLength={60} />
            <TextInput id="audit-target-id" label={t('audit.targetId')} value={form.targetId} onChange={(v) => setForm({ ...form, targetId: v })} spellCheck={false} maxLength={200} />
          </div>
        </fieldset>
        <div className="two-cols">
          <TextInput id="audit-from" label={t('audit.from')} hint={t('form.dateHint')} value={form.from} onChange={(v) => setForm({ ...form, from: v })} width="w10" error={err('audit-from')} />
          <TextInput id="audit-to" label={t('audit.to')} hint={t('form.dateHint')} value={form.to} onChange={(v) => setForm({ ...form, to: v })} width="w10" error={err('audit-to')} />
        </div>
        <Select id="audit-agency" label={t('audit.agency')} value={form.agencyId} onChange={(v) => setForm({ ...form, agencyId: v })} placeholder={t('audit.anyAgency')} options={choices.map((id) => ({ value: id, label: agencyName(id) }))} />
        <button type="submit" className="button" disabled={busy}>
          {t('search.submit')}
        </button>
      </form>

      <ProblemNotice error={failure} />
      <section aria-labelledby="audit-results-title">
        <h2 id="audit-results-title">
          {t('audit.results')}
        </h2>
        <p className="button-group">
          <a className="button button--secondary" href={auditApi.exportUrl(filters, 'csv')} download>
            {t('audit.exportCsv')}
          </a>
          <a className="button button--secondary" href={auditApi.exportUrl(filters, 'json')} download>
            {t('audit.exportJson')}
          </a>
        </p>
        <p className="hint">{t('audit.exportHint')}</p>
        {records === null ? (
          failure ? null : <Loading />
        ) : records.length === 0 ? (
          <p>{t('audit.none')}</p>
        ) : (
          <table className="responsive-table audit-table">
            <caption>{t('audit.caption', { n: records.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('audit.at')}</th>
                <th scope="col">{t('audit.actor')}</th>
                <th scope="col">{t('audit.action')}</th>
                <th scope="col">{t('audit.target')}</th>
                <th scope="col">{t('audit.agency')}</th>
                <th scope="col">{t('audit.chain')}</th>
              </tr>
            </thead>
            <tbody>
              {records.map((r) => (
                <tr key={r.id}>
                  <td data-label={t('audit.at')}>{dateTime(r.at)}</td>
                  <td data-label={t('audit.actor')}>
                    {who(r)}
                    {role(r) ? <span className="hint"> ({role(r)})</span> : null}
                  </td>
                  <td data-label={t('audit.action')}>
                    <code>{r.action}</code>
                  </td>
                  <td data-label={t('audit.target')}>
                    <code>{r.targetType}</code>
                    {r.targetId ? (
                      <>
                        {' '}
                        <code className="break-all">{r.targetId}</code>
                      </>
                    ) : null}
                  </td>
                  <td data-label={t('audit.agency')}>{agencyName(r.agencyId)}</td>
                  <td data-label={t('audit.chain')}>{r.sealed ? t('audit.sealed', { seq: r.chainSeq ?? 0 }) : <strong className="tag tag--yellow">{t('audit.unsealed')}</strong>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {cursor ? (
          <button type="button" className="button button--secondary" disabled={busy} onClick={() => void run(filters, cursor)}>
            {t('audit.more')}
          </button>
        ) : null}
        <div role="status" aria-live="polite" className="visually-hidden">
          {busy ? t('audit.loading') : records ? t('audit.caption', { n: records.length }) : ''}
        </div>
      </section>
    </>
  );
}
