/**
 * Proofs from the transparency log, checked here in the browser with the shared verifier: the server is not
 * trusted — only the log's public key, pinned in this browser the first time it is seen (and shown to the citizen,
 * who can compare it with the one the agency publishes).
 */
import { useEffect, useState } from 'react';
import { verifyBundle, type BundleCheck, type ProofBundle } from '@shared/tlog';
import type { AboutList, LogInfo, ProofList } from '@shared/api/tlog';
import { api } from '../api/client';
import { useI18n, type MessageKey } from '../i18n';

const PIN = 'motcua.tlog.key';

export interface ProofState {
  status: 'checking' | 'verified' | 'failed' | 'pending' | 'missing';
  check?: BundleCheck;
  bundle?: ProofBundle;
}

/** The pinned log key: the one kept in this browser, or (first visit) the one the log publishes, then kept. */
async function pinnedKey(): Promise<{ key: string; changed: boolean; witnesses: string[] }> {
  const info = await api.get<LogInfo>('/api/tlog');
  let kept: string | null = null;
  try {
    kept = window.localStorage.getItem(PIN);
    if (!kept) window.localStorage.setItem(PIN, info.publicKey);
  } catch {
    // Storage refused (private mode): trust the key for this page only.
  }
  return { key: kept ?? info.publicKey, changed: !!kept && kept !== info.publicKey, witnesses: info.witnesses.map((w) => w.key) };
}

function judge(bundle: ProofBundle | undefined, status: string, key: string, witnesses: string[], expect?: Record<string, unknown>): ProofState {
  if (status === 'pending') return { status: 'pending' };
  if (!bundle) return { status: 'missing' };
  const check = verifyBundle(bundle, { log: key, witnesses, expect });
  return { status: check.ok ? 'verified' : 'failed', check, bundle };
}

/** Proofs for entries `kind:ref`, checked against the pinned key; `expect` the values the records must disclose. */
export function useProofs(entries: string[], expect?: Record<string, unknown>): { states: Map<string, ProofState>; keyInfo: { key: string; changed: boolean } | null } {
  const [states, setStates] = useState(new Map<string, ProofState>());
  const [keyInfo, setKeyInfo] = useState<{ key: string; changed: boolean } | null>(null);
  const wanted = entries.join(',');
  const expected = JSON.stringify(expect ?? {});
  useEffect(() => {
    if (!wanted) return;
    let live = true;
    setStates(new Map(wanted.split(',').map((e) => [e, { status: 'checking' }])));
    (async () => {
      const pin = await pinnedKey();
      const res = await api.get<ProofList>(`/api/tlog/proofs?entries=${encodeURIComponent(wanted)}`);
      if (!live) return;
      setKeyInfo(pin);
      setStates(new Map(res.items.map((i) => [i.entry, judge(i.bundle as ProofBundle | undefined, i.status, pin.key, pin.witnesses, JSON.parse(expected))])));
    })().catch(() => live && setStates(new Map(wanted.split(',').map((e) => [e, { status: 'missing' }]))));
    return () => {
      live = false;
    };
  }, [wanted, expected]);
  return { states, keyInfo };
}

/** Proofs of the audit records about a record (a dossier's actions). */
export function useProofsAbout(type: string, id: string, expect?: Record<string, unknown>) {
  const [items, setItems] = useState<Array<{ entry: string; action: string; at: string; state: ProofState }> | null>(null);
  const [keyInfo, setKeyInfo] = useState<{ key: string; changed: boolean } | null>(null);
  const expected = JSON.stringify(expect ?? {});
  useEffect(() => {
    let live = true;
    (async () => {
      const pin = await pinnedKey();
      const res = await api.get<AboutList>(`/api/tlog/about/${type}/${id}`);
      if (!live) return;
      setKeyInfo(pin);
      setItems(res.items.map((i) => ({ entry: i.entry, action: i.action, at: i.at, state: judge(i.bundle as ProofBundle | undefined, i.status, pin.key, pin.witnesses, JSON.parse(expected)) })));
    })().catch(() => live && setItems([]));
    return () => {
      live = false;
    };
  }, [type, id, expected]);
  return { items, keyInfo };
}

const FAILURES: Record<string, MessageKey> = {
  log_signature: 'tlog.why.signature',
  origin: 'tlog.why.signature',
  witness_quorum: 'tlog.why.witness',
  inclusion: 'tlog.why.inclusion',
  tree_size: 'tlog.why.inclusion',
  disclosure: 'tlog.why.disclosure',
  expectation: 'tlog.why.disclosure',
};

/** "Đã kiểm chứng" or why not, with the bundle to download and check offline. */
/**
 * One tag for several entries shown together (a group of reads): verified when every proof is, not verified (with
 * the first reason) when any is not, checking until all are judged.
 */
export function ProofSummary({ states }: { states: Array<ProofState | undefined> }) {
  const { t } = useI18n();
  const failed = states.find((s) => s?.status === 'failed');
  if (failed) {
    return (
      <p className="tag tag--red">
        {t('tlog.failed')}: {t(FAILURES[failed.check?.failure ?? ''] ?? 'tlog.why.other')}
      </p>
    );
  }
  if (states.length && states.every((s) => s?.status === 'verified')) return <p className="tag tag--green">{t('tlog.verified')}</p>;
  if (states.some((s) => s?.status === 'missing')) return <p className="tag tag--yellow">{t('tlog.missing')}</p>;
  if (states.some((s) => s?.status === 'pending')) return <p className="tag tag--grey">{t('tlog.pending')}</p>;
  return <p className="tag tag--grey">{t('tlog.checking')}</p>;
}

export function ProofBadge({ state, name }: { state: ProofState | undefined; name: string }) {
  const { t } = useI18n();
  if (!state || state.status === 'checking') return <p className="tag tag--grey">{t('tlog.checking')}</p>;
  if (state.status === 'pending') return <p className="tag tag--grey">{t('tlog.pending')}</p>;
  if (state.status === 'missing') return <p className="tag tag--yellow">{t('tlog.missing')}</p>;
  const download = () => {
    const url = URL.createObjectURL(new Blob([JSON.stringify(state.bundle, null, 2)], { type: 'application/json' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = `${name}.json`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };
  const cosigned = state.check?.cosigned ?? [];
  return (
    <div className="tlog-proof">
      {state.status === 'verified' ? (
        <p className="tag tag--green">{t('tlog.verified')}</p>
      ) : (
        <p className="tag tag--red">
          {t('tlog.failed')}: {t(FAILURES[state.check?.failure ?? ''] ?? 'tlog.why.other')}
        </p>
      )}
      <p className="secondary-text">
        {state.check?.checkpoint ? t('tlog.where', { index: String(state.bundle!.leaf.index + 1), size: String(state.check.checkpoint.size) }) : null}
        {cosigned.length ? ` ${t('tlog.cosigned', { names: cosigned.map((c) => c.name).join(', ') })}` : ''}{' '}
        <button type="button" className="link-button" onClick={download}>
          {t('tlog.download')}
        </button>
      </p>
    </div>
  );
}

/** The pinned key, shown so the citizen can compare it with the one the agency publishes. */
export function LogKeyNote({ keyInfo }: { keyInfo: { key: string; changed: boolean } | null }) {
  const { t } = useI18n();
  if (!keyInfo) return null;
  return (
    <details className="tlog-key">
      <summary>{t('tlog.about')}</summary>
      <p>{t('tlog.explain')}</p>
      {keyInfo.changed ? <p className="tag tag--red">{t('tlog.keyChanged')}</p> : null}
      <p>
        {t('tlog.key')}: <code>{keyInfo.key}</code>
      </p>
    </details>
  );
}
