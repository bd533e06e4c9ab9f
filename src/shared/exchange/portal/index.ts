/**
 * Sync to the National Public Service Portal (Cổng Dịch vụ công quốc gia), the pure part: which dossier events are
 * status changes to push, the record in the de facto field names every one-stop system uses (`MaHoSo`,
 * `TrangThaiHoSo` 1–10, `KenhThucHien`, `DuocLayTuKhoDMQG`…), how a portal answer is classed, and the sync rate
 * (synced / total per agency and period) that Decision 766 counts. No I/O.
 */
import { NATIONAL_STATUS, isState, type State } from '../../dossier';

/** `KenhThucHien`: 1 in person, 2 online, 3 public postal service. */
export const CHANNEL_CODES = { in_person: 1, online: 2, post: 3 } as const;
export type Channel = keyof typeof CHANNEL_CODES;

/** What the adapter reads from a dossier event (the dossier module's event payload; no personal data). */
export interface DossierChange {
  code: string | null;
  from: string;
  to: string;
  nationalStatus: number;
  at: string;
  channel: Channel;
  procedureKey: string;
  dueAt: string | null;
  /** Form data taken from the national registers / data store (once-only). */
  prefilled: boolean;
}

/** Whether the event changed the status the portal knows (the submission counts: its status 1 is new there). */
export function isPortalChange(c: Pick<DossierChange, 'code' | 'from' | 'to' | 'nationalStatus'>): boolean {
  if (!c.code || !isState(c.to) || c.to === 'draft') return false;
  if (!isState(c.from) || c.from === 'draft') return true;
  return NATIONAL_STATUS[c.from as State] !== c.nationalStatus;
}

/** `yyyyMMddHHmmss` in Vietnam time (UTC+7, no daylight saving), as the portal's date fields are written. */
export function portalTime(iso: string | Date): string {
  const d = new Date(new Date(iso).getTime() + 7 * 3_600_000);
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${p(d.getUTCFullYear(), 4)}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}`;
}

export interface PortalRecord {
  MaHoSo: string;
  MaTTHC: string;
  /** The agency's electronic identifier (đơn vị xử lý). */
  DonViXuLy: string;
  TrangThaiHoSo: number;
  KenhThucHien: 1 | 2 | 3;
  /** 1 when data or files were taken from the national databases / the data store, else 0. */
  DuocLayTuKhoDMQG: 0 | 1;
  NgayCapNhat: string;
  NgayHenTra: string | null;
  /** Set when processing finished (9) or the result was returned (10). */
  NgayKetThucXuLy: string | null;
}

export function portalRecord(c: DossierChange & { code: string }, agencyCode: string): PortalRecord {
  return {
    MaHoSo: c.code,
    MaTTHC: c.procedureKey,
    DonViXuLy: agencyCode,
    TrangThaiHoSo: c.nationalStatus,
    KenhThucHien: CHANNEL_CODES[c.channel] ?? 1,
    DuocLayTuKhoDMQG: c.prefilled ? 1 : 0,
    NgayCapNhat: portalTime(c.at),
    NgayHenTra: c.dueAt ? portalTime(c.dueAt) : null,
    NgayKetThucXuLy: c.nationalStatus === 9 || c.nationalStatus === 10 ? portalTime(c.at) : null,
  };
}

export type PushOutcome = 'synced' | 'retry' | 'failed';

/** A portal answer: 2xx synced; timeouts, 408, 425, 429 and 5xx retried; any other 4xx refused for good. */
export function classifyPortalAnswer(status: number | null): PushOutcome {
  if (status === null) return 'retry';
  if (status >= 200 && status < 300) return 'synced';
  if (status === 408 || status === 425 || status === 429 || status >= 500) return 'retry';
  return 'failed';
}

export interface SyncCounts {
  agencyCode: string;
  total: number;
  synced: number;
  failed: number;
  pending: number;
}

/** The sync rate of a set of counts: synced / total (1 when nothing was to sync, as the index scores "no dossier"). */
export function syncRate(c: Pick<SyncCounts, 'total' | 'synced'>): number {
  return c.total === 0 ? 1 : Math.round((c.synced / c.total) * 10_000) / 10_000;
}
