/**
 * Online supervision (giám sát trực tuyến): the officer's obligations and compliance dashboard, and the business
 * page where a person acting for an enterprise delivers a periodic report and reads its receipt (biên nhận).
 */
import { useEffect, useState, type FormEvent } from 'react';
import { Link, navigate } from '../app/router';
import { eidLoginUrl, useSession } from '../app/session';
import { useI18n, type MessageKey } from '../i18n';
import { api, withQuery } from '../api/client';
import { newIdempotencyKey } from '../api/dossier';
import { Loading, PageHeading } from '../ui/Page';
import { ProblemNotice } from '../ui/Problem';
import { useApi } from '../ui/useApi';
import { Select, TextArea, TextInput } from '../ui/Fields';
import { FREQUENCY_LABELS, RULE_LABELS, periodLabel, type Rule } from '@shared/supervision';
import { supervisionPaths, type Dashboard, type Delivery, type Obligation } from '@shared/api/supervision';

type MyObligation = { obligation: Obligation; enterpriseCode: string; enterpriseName: string; nextPeriod: string; nextDueDay: string; deliveries: Delivery[] };
const idem = () => ({ headers: { 'idempotency-key': newIdempotencyKey() } });
const STATUS_TAG: Record<string, string> = { on_time: 'tag--green', late: 'tag--yellow', missing: 'tag--red', not_due: 'tag--grey' };

function RuleTags({ rules }: { rules: Rule[] }) {
  const { pick } = useI18n();
  return (
    <>
      {rules.map((r) => (
        <span key={r} className={`tag ${r === 'late' ? 'tag--yellow' : 'tag--red'}`}>
          {pick(RULE_LABELS[r])}
        </span>
      ))}
    </>
  );
}

// --- officers ------------------------------------------------------------------------------------------------------

export function OfficerSupervision() {
  const { t, pick } = useI18n();
  const { session } = useSession();
  const agencies = useApi<Array<{ id: string; name: string }>>('/api/agencies');
  const mine = [...new Set(session?.grants.map((g) => g.agencyId) ?? [])];
  const [agencyId, setAgencyId] = useState(mine[0] ?? '');
  const [list, setList] = useState<Obligation[] | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  useEffect(() => {
    if (!agencyId) return;
    api.get<Obligation[]>(withQuery('/api/supervision/obligations', { agencyId })).then(setList, setFailure);
  }, [agencyId]);
  const name = (id: string) => agencies.data?.find((a) => a.id === id)?.name ?? '';
  return (
    <>
      <PageHeading>{t('sv.officerTitle')}</PageHeading>
      <p className="lead">{t('sv.officerLead')}</p>
      {mine.length > 1 ? <Select id="sv-agency" label={t('sv.agency')} value={agencyId} onChange={setAgencyId} options={mine.map((id) => ({ value: id, label: name(id) || id }))} /> : <p>{name(agencyId)}</p>}
      <ProblemNotice error={failure} />
      {!list && !failure ? <Loading /> : null}
      {list && !list.length ? <p>{t('sv.none')}</p> : null}
      <ul className="card-list">
        {list?.map((o) => (
          <li key={o.id}>
            <Link to={supervisionPaths.obligation(o.id)}>{o.title}</Link>
            <p>
              {pick(FREQUENCY_LABELS[o.frequency])} · {t('sv.dueDayOf', { day: o.dueDay })} · {t('sv.subjects', { n: o.subjectCount })}
            </p>
          </li>
        ))}
      </ul>
      {agencyId ? <DefineObligation agencyId={agencyId} onDefined={(o) => navigate(supervisionPaths.obligation(o.id))} /> : null}
    </>
  );
}

const SAMPLE_FIELDS = JSON.stringify([{ key: 'san_luong', label: 'Sản lượng', type: 'number', unit: 'tấn', required: true, min: 0, max: 10000, maxChangePct: 50 }], null, 1);

function DefineObligation({ agencyId, onDefined }: { agencyId: string; onDefined(o: Obligation): void }) {
  const { t, pick } = useI18n();
  const [f, setF] = useState({ title: '', legalBasis: '', frequency: 'monthly', dueDay: '15', format: 'csv', codes: '', businessLine: '', startPeriod: '', fields: SAMPLE_FIELDS });
  const [failure, setFailure] = useState<unknown>(null);
  const set = (k: keyof typeof f) => (v: string) => setF({ ...f, [k]: v });
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setFailure(null);
    try {
      const fields = JSON.parse(f.fields) as unknown;
      const body = { agencyId, title: f.title, legalBasis: f.legalBasis, frequency: f.frequency, dueDay: Number(f.dueDay), format: f.format, fields, startPeriod: f.startPeriod, subjects: { enterpriseCodes: f.codes.split(/[\s,;]+/).filter(Boolean), ...(f.businessLine ? { businessLine: f.businessLine } : {}) } };
      onDefined(await api.post<Obligation>('/api/supervision/obligations', body, idem()));
    } catch (err) {
      setFailure(err instanceof SyntaxError ? new Error(t('sv.fieldsJsonBad')) : err);
    }
  };
  return (
    <details className="details">
      <summary>{t('sv.define')}</summary>
      <form onSubmit={submit} noValidate>
        <ProblemNotice error={failure} />
        <TextInput id="sv-title" label={t('sv.titleField')} value={f.title} onChange={set('title')} />
        <TextArea id="sv-legal" label={t('sv.legalBasis')} value={f.legalBasis} onChange={set('legalBasis')} rows={2} />
        <Select id="sv-frequency" label={t('sv.frequency')} value={f.frequency} onChange={set('frequency')} options={(['monthly', 'quarterly', 'yearly'] as const).map((x) => ({ value: x, label: pick(FREQUENCY_LABELS[x]) }))} />
        <TextInput id="sv-due" label={t('sv.dueDay')} value={f.dueDay} onChange={set('dueDay')} inputMode="numeric" width="w10" />
        <Select id="sv-format" label={t('sv.format')} value={f.format} onChange={set('format')} options={[{ value: 'csv', label: 'CSV' }, { value: 'json', label: 'JSON' }]} />
        <TextInput id="sv-start" label={t('sv.startPeriod')} hint={t('sv.periodHint')} value={f.startPeriod} onChange={set('startPeriod')} width="w10" />
        <TextArea id="sv-codes" label={t('sv.codes')} hint={t('sv.codesHint')} value={f.codes} onChange={set('codes')} rows={2} />
        <TextInput id="sv-line" label={t('sv.businessLine')} hint={t('sv.businessLineHint')} value={f.businessLine} onChange={set('businessLine')} width="w10" />
        <TextArea id="sv-fields" label={t('sv.fields')} hint={t('sv.fieldsHint')} value={f.fields} onChange={set('fields')} rows={8} />
        <button type="submit" className="button">
          {t('sv.defineSubmit')}
        </button>
      </form>
    </details>
  );
}

export function ObligationDashboard({ id }: { id: string }) {
  const { t, dateTime } = useI18n();
  const year = String(new Date().getFullYear() - 1);
  const [range, setRange] = useState<'last' | string>('last');
  const path = range === 'last' ? `/api/supervision/obligations/${id}/dashboard` : withQuery(`/api/supervision/obligations/${id}/dashboard`, { from: `${range}-01`, to: `${range}-12` });
  const dash = useApi<Dashboard>(path);
  const history = useApi<Delivery[]>(`/api/supervision/obligations/${id}/deliveries`);
  const d = dash.data;
  const s = d?.summary;
  return (
    <>
      <PageHeading caption={t('sv.officerTitle')}>{d?.obligation.title ?? t('sv.dashboard')}</PageHeading>
      <ProblemNotice error={dash.error} />
      {d ? (
        <p>
          {t('sv.legalBasis')}: {d.obligation.legalBasis}
        </p>
      ) : null}
      <Select id="sv-range" label={t('sv.range')} value={range} onChange={setRange} options={[{ value: 'last', label: t('sv.last12') }, { value: year, label: t('sv.year', { year }) }, { value: String(Number(year) + 1), label: t('sv.year', { year: Number(year) + 1 }) }]} />
      {dash.loading ? <Loading /> : null}
      {s ? (
        <dl className="summary-list" aria-label={t('sv.summary')}>
          <div className="summary-list__row"><dt>{t('sv.subjectsLabel')}</dt><dd>{s.subjects}</dd></div>
          <div className="summary-list__row"><dt>{t('sv.expected')}</dt><dd>{s.expected}</dd></div>
          <div className="summary-list__row"><dt>{t('sv.delivered')}</dt><dd>{s.delivered}</dd></div>
          <div className="summary-list__row"><dt>{t('sv.late')}</dt><dd>{s.late} ({Math.round(s.lateShare * 1000) / 10}%)</dd></div>
          <div className="summary-list__row"><dt>{t('sv.missing')}</dt><dd>{s.missing}</dd></div>
          <div className="summary-list__row"><dt>{t('sv.outOfRange')}</dt><dd>{s.outOfRange}</dd></div>
          <div className="summary-list__row"><dt>{t('sv.inconsistent')}</dt><dd>{s.inconsistent}</dd></div>
        </dl>
      ) : null}
      {d ? (
        <>
          <h2>{t('sv.problems')}</h2>
          <div className="table-wrap" tabIndex={0} role="region" aria-label={t('sv.problems')}>
            <table className="responsive-table">
              <thead>
                <tr>
                  <th scope="col">{t('sv.enterprise')}</th>
                  <th scope="col">{t('sv.period')}</th>
                  <th scope="col">{t('sv.status')}</th>
                </tr>
              </thead>
              <tbody>
                {d.rows
                  .filter((r) => r.status === 'late' || r.status === 'missing' || r.rules.length)
                  .map((r) => (
                    <tr key={`${r.enterpriseCode}-${r.period}`}>
                      <td>
                        {r.enterpriseName} (<code>{r.enterpriseCode}</code>)
                      </td>
                      <td>{periodLabel(r.period)}</td>
                      <td>
                        <span className={`tag ${STATUS_TAG[r.status]}`}>{t(`sv.status.${r.status}` as MessageKey)}</span> <RuleTags rules={r.rules.filter((x) => x !== 'late' && x !== 'missing')} />
                      </td>
                    </tr>
                  ))}
              </tbody>
            </table>
          </div>
          <p>
            <a href={`/api/supervision/obligations/${id}/export`} download>
              {t('sv.export')}
            </a>
          </p>
        </>
      ) : null}
      <h2>{t('sv.history')}</h2>
      {history.loading ? <Loading /> : null}
      {history.data ? (
        <ul className="card-list">
          {history.data.slice(0, 30).map((h) => (
            <li key={h.id}>
              {h.enterpriseName} — {periodLabel(h.period)} — {t('sv.version', { n: h.version })} — {dateTime(h.receivedAt)} {h.current ? null : <span className="tag tag--grey">{t('sv.superseded')}</span>} <RuleTags rules={[...new Set(h.findings.map((x) => x.rule))]} />
            </li>
          ))}
        </ul>
      ) : null}
    </>
  );
}

// --- enterprises ---------------------------------------------------------------------------------------------------

export function BusinessReports() {
  const { t, pick } = useI18n();
  const { session, loading } = useSession();
  const orgs = useApi<Array<{ enterpriseCode: string; name: string }>>(session?.kind === 'citizen' ? '/api/me/organisations' : null);
  const [code, setCode] = useState('');
  const enterprise = code || orgs.data?.[0]?.enterpriseCode || '';
  const [mine, setMine] = useState<MyObligation[] | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  useEffect(() => {
    if (!enterprise) return;
    api.get<MyObligation[]>(withQuery('/api/supervision/mine', { enterpriseCode: enterprise })).then(setMine, setFailure);
  }, [enterprise]);
  if (loading) return <Loading />;
  if (session?.kind !== 'citizen')
    return (
      <>
        <PageHeading>{t('sv.businessTitle')}</PageHeading>
        <p>{t('sv.signIn')}</p>
        <p>
          <a href={eidLoginUrl(supervisionPaths.business)}>{t('sv.signInLink')}</a>
        </p>
      </>
    );
  return (
    <>
      <PageHeading>{t('sv.businessTitle')}</PageHeading>
      <p className="lead">{t('sv.businessLead')}</p>
      <ProblemNotice error={orgs.error ?? failure} />
      {orgs.data && !orgs.data.length ? <p>{t('sv.noOrganisation')}</p> : null}
      {orgs.data && orgs.data.length > 1 ? <Select id="sv-enterprise" label={t('sv.enterprise')} value={enterprise} onChange={setCode} options={orgs.data.map((o) => ({ value: o.enterpriseCode, label: `${o.name} (${o.enterpriseCode})` }))} /> : null}
      {enterprise && !mine && !failure ? <Loading /> : null}
      {mine && !mine.length ? <p>{t('sv.noObligation')}</p> : null}
      {enterprise && mine?.length ? <ApiKeys enterpriseCode={enterprise} /> : null}
      {mine?.map((m) => (
        <section key={m.obligation.id} aria-labelledby={`sv-o-${m.obligation.id}`}>
          <h2 id={`sv-o-${m.obligation.id}`}>{m.obligation.title}</h2>
          <p>
            {m.obligation.agencyName} · {pick(FREQUENCY_LABELS[m.obligation.frequency])} · {t('sv.legalBasis')}: {m.obligation.legalBasis}
          </p>
          <p>{t('sv.next', { period: periodLabel(m.nextPeriod), due: m.nextDueDay.split('-').reverse().join('/') })}</p>
          <Deliver m={m} onDone={(d) => navigate(supervisionPaths.delivery(d.id))} />
          {m.deliveries.length ? (
            <>
              <h3>{t('sv.myDeliveries')}</h3>
              <ul className="card-list">
                {m.deliveries.slice(0, 24).map((d) => (
                  <li key={d.id}>
                    <Link to={supervisionPaths.delivery(d.id)}>
                      {periodLabel(d.period)} — {t('sv.version', { n: d.version })}
                    </Link>{' '}
                    {d.current ? null : <span className="tag tag--grey">{t('sv.superseded')}</span>} <RuleTags rules={[...new Set(d.findings.map((x) => x.rule))]} />
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </section>
      ))}
    </>
  );
}

type ApiKey = { id: string; label: string; createdAt: string; lastUsedAt: string | null; revokedAt: string | null };

/** The enterprise's API keys for its own systems: issued (shown once), listed, revoked. */
function ApiKeys({ enterpriseCode }: { enterpriseCode: string }) {
  const { t, dateTime } = useI18n();
  const [keys, setKeys] = useState<ApiKey[] | null>(null);
  const [label, setLabel] = useState('');
  const [fresh, setFresh] = useState<string | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const load = () => api.get<ApiKey[]>(withQuery('/api/supervision/keys', { enterpriseCode })).then(setKeys, setFailure);
  useEffect(() => {
    void load();
  }, [enterpriseCode]);
  const create = async (e: FormEvent) => {
    e.preventDefault();
    setFailure(null);
    try {
      setFresh((await api.post<{ key: string }>('/api/supervision/keys', { enterpriseCode, label }, idem())).key);
      setLabel('');
      await load();
    } catch (err) {
      setFailure(err);
    }
  };
  const revoke = async (id: string) => {
    try {
      await api.delete(`/api/supervision/keys/${id}`, idem());
      await load();
    } catch (err) {
      setFailure(err);
    }
  };
  return (
    <details className="details">
      <summary>{t('sv.keys')}</summary>
      <p>{t('sv.keysHint')}</p>
      <ProblemNotice error={failure} />
      {fresh ? (
        <div className="notice notice--success" role="status">
          <p>{t('sv.keyShownOnce')}</p>
          <p>
            <code className="break-all">{fresh}</code>
          </p>
        </div>
      ) : null}
      <ul className="card-list">
        {keys?.map((k) => (
          <li key={k.id}>
            {k.label} — {dateTime(k.createdAt)} {k.revokedAt ? <span className="tag tag--grey">{t('sv.keyRevoked')}</span> : <button type="button" className="button button--secondary" onClick={() => void revoke(k.id)}>{t('sv.keyRevoke')}</button>}
          </li>
        ))}
      </ul>
      <form onSubmit={create} noValidate>
        <TextInput id="sv-key-label" label={t('sv.keyLabel')} value={label} onChange={setLabel} />
        <button type="submit" className="button button--secondary">
          {t('sv.keyCreate')}
        </button>
      </form>
    </details>
  );
}

function Deliver({ m, onDone }: { m: MyObligation; onDone(d: Delivery): void }) {
  const { t } = useI18n();
  const [period, setPeriod] = useState(m.nextPeriod);
  const [content, setContent] = useState('');
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const header = m.obligation.format === 'csv' ? m.obligation.fields.map((f) => f.key).join(',') : '';
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setFailure(null);
    try {
      onDone(await api.post<Delivery>(`/api/supervision/obligations/${m.obligation.id}/deliveries`, { enterpriseCode: m.enterpriseCode, period, content }, idem()));
    } catch (err) {
      setFailure(err);
    } finally {
      setBusy(false);
    }
  };
  const id = m.obligation.id.slice(0, 8);
  return (
    <form onSubmit={submit} noValidate>
      <ProblemNotice error={failure} />
      <TextInput id={`sv-period-${id}`} label={t('sv.period')} hint={t('sv.periodHint')} value={period} onChange={setPeriod} width="w10" />
      <div className="form-group">
        <label className="label" htmlFor={`sv-file-${id}`}>
          {t('sv.file')}
        </label>
        <input id={`sv-file-${id}`} type="file" accept=".csv,.json,text/csv,application/json" onChange={(e) => void e.target.files?.[0]?.text().then(setContent)} />
      </div>
      <TextArea id={`sv-content-${id}`} label={t('sv.content')} hint={header ? t('sv.contentHintCsv', { header }) : t('sv.contentHintJson')} value={content} onChange={setContent} rows={6} />
      <details className="details">
        <summary>{t('sv.fieldsList')}</summary>
        <ul>
          {m.obligation.fields.map((f) => (
            <li key={f.key}>
              <code>{f.key}</code> — {f.label}
              {f.unit ? ` (${f.unit})` : ''}
              {f.min != null || f.max != null ? ` · ${f.min ?? '…'}–${f.max ?? '…'}` : ''}
            </li>
          ))}
        </ul>
      </details>
      <button type="submit" className="button" disabled={busy}>
        {t('sv.deliver')}
      </button>
    </form>
  );
}

export function DeliveryReceipt({ id }: { id: string }) {
  const { t, dateTime } = useI18n();
  const d = useApi<Delivery>(`/api/supervision/deliveries/${id}`);
  const r = d.data;
  return (
    <>
      <PageHeading caption={t('sv.businessTitle')}>{t('sv.receiptTitle')}</PageHeading>
      <ProblemNotice error={d.error} />
      {!r && !d.error ? <Loading /> : null}
      {r ? (
        <>
          <div className="notice notice--success" role="status">
            <p>{t('sv.received', { period: periodLabel(r.period), at: dateTime(r.receivedAt) })}</p>
          </div>
          <dl className="summary-list">
            <div className="summary-list__row"><dt>{t('sv.report')}</dt><dd>{r.obligationTitle}</dd></div>
            <div className="summary-list__row"><dt>{t('sv.enterprise')}</dt><dd>{r.enterpriseName} (<code>{r.enterpriseCode}</code>)</dd></div>
            <div className="summary-list__row"><dt>{t('sv.period')}</dt><dd>{periodLabel(r.period)}</dd></div>
            <div className="summary-list__row"><dt>{t('sv.versionLabel')}</dt><dd>{r.version}{r.current ? '' : ` — ${t('sv.superseded')}`}</dd></div>
            <div className="summary-list__row"><dt>{t('sv.dueDay')}</dt><dd>{r.dueDay.split('-').reverse().join('/')}</dd></div>
            <div className="summary-list__row"><dt>{t('sv.status')}</dt><dd>{r.late ? t('sv.status.late') : t('sv.status.on_time')}</dd></div>
            <div className="summary-list__row"><dt>{t('sv.findings')}</dt><dd>{r.findings.length ? <RuleTags rules={[...new Set(r.findings.map((x) => x.rule))]} /> : t('sv.noFindings')}</dd></div>
            <div className="summary-list__row"><dt>{t('sv.hash')}</dt><dd><code className="break-all">{r.contentSha256}</code></dd></div>
          </dl>
          <h2>{t('sv.signedReceipt')}</h2>
          <p>{t('sv.signedReceiptHint')}</p>
          <pre className="prewrap break-all" tabIndex={0} aria-label={t('sv.signedReceipt')}>
            <code>{JSON.stringify({ receipt: r.receipt, signature: r.signature }, null, 1)}</code>
          </pre>
          <p>
            <Link to={supervisionPaths.business}>{t('sv.back')}</Link>
          </p>
        </>
      ) : null}
    </>
  );
}
