/**
 * Publishing open data as agency staff (/can-bo/du-lieu-mo): the agency's datasets in every state with the next
 * workflow step (send for review, publish), a form for a new dataset draft, and a CSV upload into the DataStore
 * (a resource of url_type "datastore", then the file streamed to PUT /api/opendata/datastore/:id).
 */
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { Link } from '../app/router';
import { useSession } from '../app/session';
import { useI18n } from '../i18n';
import type { MessageKey } from '../i18n/vi';
import { csrfHeader, request } from '../api/client';
import { TextArea, TextInput } from '../ui/Fields';
import { Loading, PageHeading } from '../ui/Page';

interface Mine {
  id: string;
  name: string;
  title: string;
  state: 'draft' | 'review' | 'published' | 'retired';
  agencyId: string;
}
const STATE: Record<Mine['state'], MessageKey> = { draft: 'opendata.pub.state.draft', review: 'opendata.pub.state.review', published: 'opendata.pub.state.published', retired: 'opendata.pub.state.retired' };
const key = () => ({ 'idempotency-key': crypto.randomUUID() });

async function ckan<T>(action: string, body: unknown): Promise<T> {
  const b = await request<{ success: boolean; result: T; error?: { message: string } }>('POST', `/api/3/action/${action}`, body).catch((e: unknown) => {
    throw new Error((e as Error).message);
  });
  if (!b.success) throw new Error(b.error?.message ?? 'error');
  return b.result;
}

const slugOf = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 100);

export function PublishPage() {
  const { t } = useI18n();
  const { session } = useSession();
  const [mine, setMine] = useState<Mine[] | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [title, setTitle] = useState('');
  const [notes, setNotes] = useState('');
  const [chosen, setChosen] = useState<string | null>(null);
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const load = useCallback(() => {
    request<Mine[]>('GET', '/api/opendata/my-datasets')
      .then(setMine)
      .catch((e: unknown) => setError((e as Error).message));
  }, []);
  useEffect(load, [load]);
  const agencyId = session?.grants[0]?.agencyId;
  const run = async (what: () => Promise<string>) => {
    setBusy(true);
    setError(null);
    setMessage(null);
    try {
      setMessage(await what());
      load();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const create = (e: FormEvent) => {
    e.preventDefault();
    if (!title.trim()) return setError(t('opendata.pub.titleMissing'));
    void run(async () => {
      const d = await ckan<{ id: string; name: string }>('package_create', { name: slugOf(title), title: title.trim(), notes: notes.trim(), owner_org: agencyId });
      setChosen(d.id);
      setTitle('');
      setNotes('');
      return t('opendata.pub.created', { name: d.name });
    });
  };
  const upload = (e: FormEvent) => {
    e.preventDefault();
    if (!chosen || !file) return setError(t('opendata.pub.fileMissing'));
    void run(async () => {
      const r = await ckan<{ id: string }>('resource_create', { package_id: chosen, name: file.name, format: 'CSV', url_type: 'datastore' });
      const res = await fetch(`/api/opendata/datastore/${r.id}?format=csv`, { method: 'PUT', credentials: 'same-origin', headers: { 'content-type': 'text/csv', accept: 'application/json, application/problem+json', ...csrfHeader() }, body: file });
      const out = (await res.json()) as { rows?: number; detail?: string; title?: string };
      if (!res.ok) throw new Error(out.detail ?? out.title ?? String(res.status));
      return t('opendata.pub.loaded', { n: out.rows ?? 0 });
    });
  };
  const step = (d: Mine, s: 'submit' | 'publish') => void run(async () => {
    await request('POST', `/api/opendata/datasets/${d.id}/steps`, { step: s }, { headers: key() });
    return t(s === 'submit' ? 'opendata.pub.submitted' : 'opendata.pub.published', { title: d.title });
  });
  return (
    <>
      <PageHeading>{t('opendata.pub.title')}</PageHeading>
      <p>{t('opendata.pub.lead')}</p>
      {message ? <p role="status">{message}</p> : null}
      {error ? <p role="alert">{error}</p> : null}
      <h2>{t('opendata.pub.new')}</h2>
      <form noValidate onSubmit={create}>
        <TextInput id="od-title" label={t('opendata.pub.fieldTitle')} value={title} onChange={setTitle} maxLength={200} />
        <TextArea id="od-notes" label={t('opendata.pub.fieldNotes')} value={notes} onChange={setNotes} />
        <button type="submit" className="button" disabled={busy || !agencyId}>
          {t('opendata.pub.create')}
        </button>
      </form>
      <h2>{t('opendata.pub.mine')}</h2>
      {!mine && !error ? <Loading /> : null}
      <ul className="card-list">
        {(mine ?? []).map((d) => (
          <li key={d.id} className="card">
            <h3>{d.state === 'published' ? <Link to={`/du-lieu-mo/${d.name}`}>{d.title}</Link> : d.title}</h3>
            <p>
              {t('opendata.pub.state')}: <strong>{t(STATE[d.state])}</strong>
            </p>
            <div className="button-group">
              {d.state === 'draft' ? (
                <>
                  <button type="button" className="button button--secondary" onClick={() => setChosen(d.id)} aria-pressed={chosen === d.id}>
                    {t('opendata.pub.choose', { title: d.title })}
                  </button>
                  <button type="button" className="button" disabled={busy} onClick={() => step(d, 'submit')}>
                    {t('opendata.pub.submit', { title: d.title })}
                  </button>
                </>
              ) : null}
              {d.state === 'review' ? (
                <button type="button" className="button" disabled={busy} onClick={() => step(d, 'publish')}>
                  {t('opendata.pub.publish', { title: d.title })}
                </button>
              ) : null}
            </div>
          </li>
        ))}
      </ul>
      {chosen ? (
        <>
          <h2>{t('opendata.pub.upload', { title: mine?.find((d) => d.id === chosen)?.title ?? '' })}</h2>
          <form noValidate onSubmit={upload}>
            <div className="form-group">
              <label htmlFor="od-file">{t('opendata.pub.file')}</label>
              <span className="hint" id="od-file-hint">
                {t('opendata.pub.fileHint')}
              </span>
              <input id="od-file" type="file" accept=".csv,text/csv" aria-describedby="od-file-hint" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
            </div>
            <button type="submit" className="button" disabled={busy}>
              {t('opendata.pub.load')}
            </button>
          </form>
        </>
      ) : null}
    </>
  );
}
