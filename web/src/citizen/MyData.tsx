/**
 * The citizen's own personal-data pages (once-only and data protection): the data store, who read my data,
 * consents per purpose, and data-subject requests (copy or correction).
 */
import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { api, upload, withQuery } from '../api/client';
import { CONSENT_PURPOSES, type AccessItem, type AccessPage, type ConsentPurposeState, type Consents, type DataRequest, type StoreItem } from '@shared/api/vault';
import { REGISTRY_PURPOSES, accessClientLabel, registryFieldLabel, registrySourceLabel } from '@shared/api/registry';
import { parseDateVi } from '@shared/eform/eform.formats';
import { fromLocalDateTime } from '@shared/calendar/working-time';
import { Link } from '../app/router';
import { eidLoginUrl, useSession } from '../app/session';
import { useI18n, type MessageKey } from '../i18n';
import { ErrorSummary, type SummaryError } from '../ui/ErrorSummary';
import { Select, TextArea, TextInput, Radios } from '../ui/Fields';
import { BackLink, Loading, PageHeading } from '../ui/Page';
import { ProblemNotice } from '../ui/Problem';
import { useApi } from '../ui/useApi';
import { SummaryRow } from '../ui/SummaryRow';
import { LogKeyNote, ProofBadge, ProofSummary, useProofs } from '../tlog/proofs';
import { groupAccesses } from '@shared/privacy/access-groups';

export const MY_DATA_PAGES: { to: string; key: MessageKey }[] = [
  { to: '/du-lieu/kho', key: 'data.store.title' },
  { to: '/du-lieu/ai-da-xem', key: 'data.access.title' },
  { to: '/du-lieu/dong-y', key: 'data.consent.title' },
  { to: '/du-lieu/yeu-cau', key: 'data.requests.title' },
];

/** Links to the four pages (on "Hồ sơ của tôi" and at the foot of each page). */
export function MyDataLinks({ current }: { current?: string }) {
  const { t } = useI18n();
  return (
    <nav aria-label={t('data.nav')}>
      <ul className="my-data-links">
        {MY_DATA_PAGES.filter((p) => p.to !== current).map((p) => (
          <li key={p.to}>
            <Link to={p.to}>{t(p.key)}</Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** Asks a signed-out visitor to sign in with e-ID; renders the page for a citizen. */
function CitizenOnly({ title, path, children }: { title: MessageKey; path: string; children: ReactNode }) {
  const { t } = useI18n();
  const { session, loading } = useSession();
  if (loading) return <Loading />;
  if (!session || session.kind !== 'citizen') {
    return (
      <div className="narrow">
        <PageHeading>{t(title)}</PageHeading>
        <p>{t('data.signIn')}</p>
        <p>
          <a className="button" href={eidLoginUrl(path)}>
            {t('auth.signInEid')}
          </a>
        </p>
      </div>
    );
  }
  return (
    <>
      <BackLink to="/ho-so">{t('my.title')}</BackLink>
      {children}
      <h2>{t('data.more')}</h2>
      <MyDataLinks current={path} />
    </>
  );
}

function fileSize(n: number, lang: 'vi' | 'en') {
  const kb = n / 1024;
  const s = kb < 1024 ? `${kb.toFixed(0)} KB` : `${(kb / 1024).toFixed(1)} MB`;
  return lang === 'vi' ? s.replace('.', ',') : s;
}

// ─── Kho dữ liệu của tôi ────────────────────────────────────────────────────────────────────────────────────────

const DOC_TYPES = ['marriage-certificate', 'birth-notice', 'birth-certificate', 'marital-status-certificate', 'residence-confirmation', 'other'] as const;

export function DataStorePage() {
  return (
    <CitizenOnly title="data.store.title" path="/du-lieu/kho">
      <DataStore />
    </CitizenOnly>
  );
}

function DataStore() {
  const { t, lang, date } = useI18n();
  const list = useApi<{ items: StoreItem[] }>('/api/me/store');
  const [docType, setDocType] = useState('');
  const [title, setTitle] = useState('');
  const [issuer, setIssuer] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [fileKey, setFileKey] = useState(0);
  const [errors, setErrors] = useState<SummaryError[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [failure, setFailure] = useState<unknown>(null);
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);

  const typeLabel = (k: string) => ((DOC_TYPES as readonly string[]).includes(k) ? t(`data.store.type.${k}` as MessageKey) : k);
  const sourceLabel = (s: string) => (['uploaded', 'result', 'registry'].includes(s) ? t(`data.store.source.${s}` as MessageKey) : s);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const errs: SummaryError[] = [];
    if (!docType) errs.push({ target: 'store-type', message: t('data.store.typeMissing') });
    if (!file) errs.push({ target: 'store-file', message: t('data.store.fileMissing') });
    setErrors(errs);
    setAttempt((a) => a + 1);
    setFailure(null);
    if (errs.length || !file) return;
    setBusy(true);
    try {
      const fields: Record<string, string> = { documentType: docType };
      if (title.trim()) fields.title = title.trim();
      if (issuer.trim()) fields.issuer = issuer.trim();
      const item = await upload<StoreItem>('/api/me/store', file, { formField: 'file', fields });
      setStatus(t('data.store.added', { title: item.title }));
      setDocType('');
      setTitle('');
      setIssuer('');
      setFile(null);
      setFileKey((k) => k + 1);
      list.reload();
    } catch (err) {
      setFailure(err);
    } finally {
      setBusy(false);
    }
  };

  const remove = async (item: StoreItem) => {
    if (!window.confirm(t('data.store.confirmDelete', { title: item.title }))) return;
    setFailure(null);
    try {
      await api.delete(`/api/me/store/${item.id}`);
      setStatus(t('data.store.deleted', { title: item.title }));
      list.reload();
    } catch (err) {
      setFailure(err);
    }
  };

  const fieldError = (f: string) => errors.find((x) => x.target === f)?.message ?? null;
  return (
    <>
      <ErrorSummary errors={errors} version={attempt} />
      <PageHeading>{t('data.store.title')}</PageHeading>
      <p>{t('data.store.intro')}</p>
      <div role="status" aria-live="polite" className={status ? 'notice notice--success' : undefined}>
        {status}
      </div>
      <ProblemNotice error={failure ?? list.error} />
      <section aria-labelledby="store-items">
        <h2 id="store-items">{t('data.store.items')}</h2>
        {list.loading && !list.data ? <Loading /> : null}
        {list.data && !list.data.items.length ? <p>{t('data.store.empty')}</p> : null}
        {list.data?.items.length ? (
          <ul className="card-list">
            {list.data.items.map((i) => (
              <li className="card" key={i.id}>
                <h3>{i.title}</h3>
                <ul className="meta">
                  <li>{typeLabel(i.documentType)}</li>
                  <li>{sourceLabel(i.source)}</li>
                  {i.issuer ? <li>{t('data.store.issuedBy', { issuer: i.issuer })}</li> : null}
                  {i.validUntil ? <li>{t('data.store.validUntil', { date: date(i.validUntil) })}</li> : null}
                  {i.resultStatus ? (
                    <li data-result-status={i.resultStatus}>
                      {t('results.statusLabel')}: <strong>{t(`results.status.${i.resultStatus}`)}</strong>
                      {i.resultStatus === 'replaced' && i.resultReplacedBy ? <> — {t('results.replacedBy', { code: i.resultReplacedBy })}</> : null}
                    </li>
                  ) : null}
                  <li>{t('data.store.addedOn', { date: date(i.createdAt) })}</li>
                </ul>
                <p>
                  <a href={`/api/me/store/${i.id}`} download={i.fileName}>
                    {t('data.store.download')}
                    <span className="visually-hidden"> {i.title}</span>
                  </a>{' '}
                  <span className="secondary-text">
                    ({i.fileName}, {fileSize(i.sizeBytes, lang)})
                  </span>
                  {i.deletable ? (
                    <>
                      {' · '}
                      <button type="button" className="link-button" onClick={() => void remove(i)}>
                        {t('data.store.delete')}
                        <span className="visually-hidden"> {i.title}</span>
                      </button>
                    </>
                  ) : (
                    <span className="secondary-text"> · {t('data.store.kept')}</span>
                  )}
                </p>
              </li>
            ))}
          </ul>
        ) : null}
      </section>
      <section aria-labelledby="store-add" className="narrow">
        <h2 id="store-add">{t('data.store.add')}</h2>
        <form onSubmit={(e) => void submit(e)} noValidate>
          <Select
            id="store-type"
            label={t('data.store.type')}
            value={docType}
            onChange={setDocType}
            placeholder={t('data.store.typeChoose')}
            options={DOC_TYPES.map((k) => ({ value: k, label: typeLabel(k) }))}
            error={fieldError('store-type')}
          />
          <TextInput id="store-title" label={t('data.store.docTitle')} hint={t('data.store.docTitleHint')} value={title} onChange={setTitle} maxLength={300} />
          <TextInput id="store-issuer" label={t('data.store.issuer')} value={issuer} onChange={setIssuer} maxLength={300} />
          <div className={`form-group${fieldError('store-file') ? ' form-group--error' : ''}`}>
            <label htmlFor="store-file">{t('data.store.file')}</label>
            <span className="hint" id="store-file-hint">
              {t('upload.hint')}
            </span>
            {fieldError('store-file') ? (
              <span className="error-message" id="store-file-error">
                {fieldError('store-file')}
              </span>
            ) : null}
            <input
              key={fileKey}
              id="store-file"
              type="file"
              accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"
              aria-describedby={`store-file-hint${fieldError('store-file') ? ' store-file-error' : ''}`}
              onChange={(e) => setFile(e.target.files?.[0] ?? null)}
            />
          </div>
          <button type="submit" className="button" disabled={busy}>
            {t('data.store.save')}
          </button>
        </form>
      </section>
    </>
  );
}

// ─── Ai đã xem dữ liệu của tôi ──────────────────────────────────────────────────────────────────────────────────

export function DataAccessPage() {
  return (
    <CitizenOnly title="data.access.title" path="/du-lieu/ai-da-xem">
      <DataAccess />
    </CitizenOnly>
  );
}

/** dd/mm/yyyy → start (or end) of that day in Vietnam as RFC 3339; null when not a real date (shared rules). */
function dayBound(v: string, end: boolean): string | null {
  const day = parseDateVi(v);
  if (!day) return null;
  return new Date(fromLocalDateTime(day, end ? '24:00' : '00:00').getTime() - (end ? 1 : 0)).toISOString();
}

/** Every purpose the access log records: the registry purposes, a citizen's own look, a data-subject copy. */
const LOGGED_PURPOSES = [...REGISTRY_PURPOSES, 'self_access', 'data_subject_request'] as const;

function DataAccess() {
  const { t, lang, dateTime } = useI18n();
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [purpose, setPurpose] = useState('');
  const [applied, setApplied] = useState<{ from?: string; to?: string; purpose?: string }>({});
  const [errors, setErrors] = useState<SummaryError[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [items, setItems] = useState<AccessItem[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  // Each entry's proof, checked in the browser; the record must be about me.
  const me = useSession().session?.personalId;
  const proofs = useProofs(items?.map((i) => i.logEntry) ?? [], me ? { subjectId: me } : undefined);

  useEffect(() => {
    let live = true;
    setItems(null);
    api
      .get<AccessPage>(withQuery('/api/me/data-access', { ...applied, limit: 20 }))
      .then((r) => {
        if (!live) return;
        setItems(r.items);
        setCursor(r.nextCursor);
      })
      .catch((e) => live && setFailure(e));
    return () => {
      live = false;
    };
  }, [applied]);

  const more = async () => {
    if (!cursor) return;
    try {
      const r = await api.get<AccessPage>(withQuery('/api/me/data-access', { ...applied, limit: 20, cursor }));
      setItems((prev) => [...(prev ?? []), ...r.items]);
      setCursor(r.nextCursor);
    } catch (e) {
      setFailure(e);
    }
  };

  const filter = (e: FormEvent) => {
    e.preventDefault();
    const errs: SummaryError[] = [];
    const f = from.trim() ? dayBound(from, false) : undefined;
    const u = to.trim() ? dayBound(to, true) : undefined;
    if (f === null) errs.push({ target: 'access-from', message: t('data.access.badDate', { label: t('data.access.from') }) });
    if (u === null) errs.push({ target: 'access-to', message: t('data.access.badDate', { label: t('data.access.to') }) });
    setErrors(errs);
    setAttempt((a) => a + 1);
    if (errs.length) return;
    setFailure(null);
    setApplied({ from: f ?? undefined, to: u ?? undefined, purpose: purpose || undefined });
  };

  const purposeLabel = (p: string) => ((LOGGED_PURPOSES as readonly string[]).includes(p) ? t(`data.purpose.${p}` as MessageKey) : p);
  const who = (i: AccessItem) => (i.agency ? (lang === 'vi' ? i.agency.name : i.agency.nameEn) : i.accessorKind === 'citizen' ? t('data.access.you') : t('data.access.system'));
  const fieldError = (f: string) => errors.find((x) => x.target === f)?.message ?? null;
  /** One read: when, who, what for, through what, which fields, and its proof. Inside a group the heading is the time. */
  const renderRead = (i: AccessItem, inGroup = false) => (
    <>
      {inGroup ? (
        <h4>{dateTime(i.at)}</h4>
      ) : (
        <h3>
          {dateTime(i.at)} — {who(i)}
        </h3>
      )}
      {i.sensitive ? <p className="tag tag--red">{t('data.access.sensitive')}</p> : null}
      <dl className="summary-list">
        <SummaryRow label={t('data.access.purpose')}>{purposeLabel(i.purpose)}</SummaryRow>
        <SummaryRow label={t('data.access.client')}>{accessClientLabel(i.client, lang)}</SummaryRow>
        <SummaryRow label={t('data.access.source')}>{registrySourceLabel(i.source, lang)}</SummaryRow>
        {i.dossierId ? <SummaryRow label={t('data.access.dossier')}>{i.dossierCode ? <code>{i.dossierCode}</code> : t('data.access.draft')}</SummaryRow> : null}
        <SummaryRow label={t('data.access.fields')}>{i.fields.map((f) => registryFieldLabel(f, lang)).join(', ') || '—'}</SummaryRow>
      </dl>
      <ProofBadge state={proofs.states.get(i.logEntry)} name={`bang-chung-${i.logEntry.replace(':', '-')}`} />
    </>
  );
  return (
    <>
      <ErrorSummary errors={errors} version={attempt} />
      <PageHeading>{t('data.access.title')}</PageHeading>
      <p>{t('data.access.intro')}</p>
      <form onSubmit={filter} noValidate aria-label={t('data.access.filters')} className="narrow">
        <TextInput id="access-from" label={t('data.access.from')} hint={t('data.access.dateHint')} value={from} onChange={setFrom} width="w10" error={fieldError('access-from')} />
        <TextInput id="access-to" label={t('data.access.to')} hint={t('data.access.dateHint')} value={to} onChange={setTo} width="w10" error={fieldError('access-to')} />
        <Select id="access-purpose" label={t('data.access.purpose')} value={purpose} onChange={setPurpose} placeholder={t('data.access.allPurposes')} options={REGISTRY_PURPOSES.map((p) => ({ value: p, label: purposeLabel(p) }))} />
        <button type="submit" className="button button--secondary">
          {t('data.access.apply')}
        </button>
      </form>
      <ProblemNotice error={failure} />
      {items === null && !failure ? <Loading /> : null}
      {items && !items.length ? <p>{t('data.access.none')}</p> : null}
      {items?.length ? (
        <ul className="card-list" aria-label={t('data.access.list')}>
          {groupAccesses(items).map((g, n) =>
            g.kind === 'single' ? (
              <li className="card" key={`${g.item.at}-${n}`}>
                {renderRead(g.item)}
              </li>
            ) : (
              <li className="card" key={`${g.items[0].at}-${n}`} data-testid="access-group">
                <h3>
                  {dateTime(g.items[0].at)} — {who(g.items[0])}
                </h3>
                <p>{t('data.access.groupSummary', { purpose: purposeLabel('verification'), n: g.items.length })}</p>
                <ProofSummary states={g.items.map((i) => proofs.states.get(i.logEntry))} />
                <details>
                  <summary>{t('data.access.groupShow', { n: g.items.length })}</summary>
                  <ul className="card-list">
                    {g.items.map((i, k) => (
                      <li className="card" key={`${i.at}-${k}`}>
                        {renderRead(i, true)}
                      </li>
                    ))}
                  </ul>
                </details>
              </li>
            ),
          )}
        </ul>
      ) : null}
      {cursor ? (
        <button type="button" className="button button--secondary" onClick={() => void more()}>
          {t('common.more')}
        </button>
      ) : null}
      <LogKeyNote keyInfo={proofs.keyInfo} />
    </>
  );
}

// ─── Đồng ý xử lý dữ liệu ───────────────────────────────────────────────────────────────────────────────────────

export function ConsentsPage() {
  return (
    <CitizenOnly title="data.consent.title" path="/du-lieu/dong-y">
      <Consents />
    </CitizenOnly>
  );
}

function Consents() {
  const { t, lang, dateTime } = useI18n();
  const list = useApi<Consents>('/api/me/consents');
  const [failure, setFailure] = useState<unknown>(null);
  const [status, setStatus] = useState('');
  const name = (p: string) => ((CONSENT_PURPOSES as readonly string[]).includes(p) ? t(`data.consent.purpose.${p}` as MessageKey) : p);

  const decide = async (c: ConsentPurposeState, given: boolean) => {
    if (!c.notice) return;
    setFailure(null);
    try {
      await api.post(`/api/me/consents/${c.purpose}`, { noticeVersion: c.notice.version, given });
      setStatus(t(given ? 'data.consent.givenNow' : 'data.consent.withdrawnNow', { purpose: name(c.purpose) }));
      list.reload();
    } catch (err) {
      setFailure(err);
    }
  };

  return (
    <>
      <PageHeading>{t('data.consent.title')}</PageHeading>
      <p>{t('data.consent.intro')}</p>
      <div role="status" aria-live="polite" className={status ? 'notice notice--success' : undefined}>
        {status}
      </div>
      <ProblemNotice error={failure ?? list.error} />
      {list.loading && !list.data ? <Loading /> : null}
      {list.data?.purposes.map((c) => (
        <section className="card" key={c.purpose} aria-labelledby={`consent-${c.purpose}`}>
          <h2 id={`consent-${c.purpose}`}>{name(c.purpose)}</h2>
          <p>
            <strong className={`tag ${c.state === 'given' ? 'tag--green' : c.state === 'renewal_needed' ? 'tag--yellow' : 'tag--grey'}`}>{t(`data.consent.state.${c.state}` as MessageKey)}</strong>
            {c.latest ? <span className="secondary-text"> {t('data.consent.since', { date: dateTime(c.latest.at) })}</span> : null}
          </p>
          {c.notice ? (
            <details>
              <summary>{t('data.consent.notice', { version: c.notice.version })}</summary>
              <p>{lang === 'vi' ? c.notice.textVi : c.notice.textEn}</p>
            </details>
          ) : null}
          {c.notice ? (
            c.state === 'given' ? (
              <button type="button" className="button button--warning" onClick={() => void decide(c, false)}>
                {t('data.consent.withdraw')}
                <span className="visually-hidden">: {name(c.purpose)}</span>
              </button>
            ) : (
              <button type="button" className="button" onClick={() => void decide(c, true)}>
                {t('data.consent.give')}
                <span className="visually-hidden">: {name(c.purpose)}</span>
              </button>
            )
          ) : null}
        </section>
      ))}
    </>
  );
}

// ─── Yêu cầu về dữ liệu cá nhân ─────────────────────────────────────────────────────────────────────────────────

export function DataRequestsPage() {
  return (
    <CitizenOnly title="data.requests.title" path="/du-lieu/yeu-cau">
      <DataRequests />
    </CitizenOnly>
  );
}

function DataRequests() {
  const { t, pick, dateTime } = useI18n();
  const list = useApi<{ items: DataRequest[] }>('/api/me/data-requests');
  const [type, setType] = useState('');
  const [detail, setDetail] = useState('');
  const [errors, setErrors] = useState<SummaryError[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [failure, setFailure] = useState<unknown>(null);
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const errs: SummaryError[] = [];
    if (!type) errs.push({ target: 'req-type', message: t('data.requests.typeMissing') });
    if (!detail.trim()) errs.push({ target: 'req-detail', message: t('data.requests.detailMissing') });
    setErrors(errs);
    setAttempt((a) => a + 1);
    setFailure(null);
    if (errs.length) return;
    setBusy(true);
    try {
      const r = await api.post<DataRequest>('/api/me/data-requests', { type, detail: detail.trim() });
      setStatus(t('data.requests.sent', { date: dateTime(r.dueAt) }));
      setType('');
      setDetail('');
      list.reload();
    } catch (err) {
      setFailure(err);
    } finally {
      setBusy(false);
    }
  };

  const fieldError = (f: string) => errors.find((x) => x.target === f)?.message ?? null;
  return (
    <>
      <ErrorSummary errors={errors} version={attempt} />
      <PageHeading>{t('data.requests.title')}</PageHeading>
      <p>{t('data.requests.intro')}</p>
      <div role="status" aria-live="polite" className={status ? 'notice notice--success' : undefined}>
        {status}
      </div>
      <ProblemNotice error={failure ?? list.error} />
      <section aria-labelledby="req-new" className="narrow">
        <h2 id="req-new">{t('data.requests.new')}</h2>
        <form onSubmit={(e) => void submit(e)} noValidate>
          <Radios
            id="req-type"
            label={t('data.requests.type')}
            value={type}
            onChange={setType}
            error={fieldError('req-type')}
            options={[
              { value: 'copy', label: t('data.requests.type.copy') },
              { value: 'correction', label: t('data.requests.type.correction') },
            ]}
          />
          <TextArea id="req-detail" label={t('data.requests.detail')} hint={t('data.requests.detailHint')} value={detail} onChange={setDetail} error={fieldError('req-detail')} />
          <button type="submit" className="button" disabled={busy}>
            {t('data.requests.send')}
          </button>
        </form>
      </section>
      <section aria-labelledby="req-list">
        <h2 id="req-list">{t('data.requests.list')}</h2>
        {list.loading && !list.data ? <Loading /> : null}
        {list.data && !list.data.items.length ? <p>{t('data.requests.none')}</p> : null}
        {list.data?.items.length ? (
          <ul className="card-list">
            {list.data.items.map((r) => (
              <li className="card" key={r.id}>
                <h3>{pick(r.typeLabel)}</h3>
                <ul className="meta">
                  <li>
                    <strong className={`tag ${r.status === 'answered' ? 'tag--green' : r.status === 'refused' ? 'tag--red' : r.overdue ? 'tag--yellow' : 'tag--grey'}`}>{pick(r.statusLabel)}</strong>
                  </li>
                  <li>{t('data.requests.receivedAt', { date: dateTime(r.receivedAt) })}</li>
                  <li>{t('data.requests.dueAt', { date: dateTime(r.dueAt) })}</li>
                  {r.overdue ? <li>{t('data.requests.overdue')}</li> : null}
                </ul>
                <p>{r.detail}</p>
                {r.answer ? (
                  <p>
                    <strong>{t('data.requests.answer')}:</strong> {r.answer}
                  </p>
                ) : null}
                {r.refusalReason ? (
                  <p>
                    <strong>{t('data.requests.refusal')}:</strong> {r.refusalReason}
                  </p>
                ) : null}
              </li>
            ))}
          </ul>
        ) : null}
      </section>
    </>
  );
}
