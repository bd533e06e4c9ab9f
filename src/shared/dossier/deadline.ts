/**
 * Deadline comparisons that need no calendar. Working-day arithmetic (due = receipt + N working days, due minus one
 * working day) belongs to the calendar module; the server computes those instants and hands them in as ISO
 * timestamps. Everything here compares instants, or local dates in Vietnam.
 *
 * Local time: Asia/Ho_Chi_Minh is UTC+07:00 all year (no daylight saving since 1975), so the local date of an instant
 * is its UTC date after adding 7 hours. This is exact, and avoids depending on the host's ICU time-zone data.
 */

/** An instant: an ISO 8601 timestamp with an offset (`2026-11-24T09:30:00+07:00`, `…Z`), or a Date. */
export type Instant = string | Date;

const VN_OFFSET_MS = 7 * 60 * 60 * 1000;

/** Date and time to at least the minute, with `Z` or `±hh:mm`; no offset means unknown zone, so it is refused. */
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** True for an ISO 8601 timestamp with an explicit offset that denotes a real instant. */
export function isIsoInstant(value: unknown): value is string {
  return typeof value === 'string' && ISO_INSTANT.test(value) && !Number.isNaN(Date.parse(value));
}

/** Milliseconds since the epoch; throws a RangeError for anything that is not a valid instant. */
export function toMillis(instant: Instant): number {
  if (instant instanceof Date) {
    const ms = instant.getTime();
    if (Number.isNaN(ms)) throw new RangeError('Invalid Date');
    return ms;
  }
  if (!isIsoInstant(instant)) throw new RangeError(`Not an ISO 8601 instant with offset: ${JSON.stringify(instant)}`);
  return Date.parse(instant);
}

/** The calendar date in Vietnam (`YYYY-MM-DD`) of an instant. */
export function vnLocalDate(instant: Instant): string {
  return new Date(toMillis(instant) + VN_OFFSET_MS).toISOString().slice(0, 10);
}

/** How a hand-off compares with its step deadline, for the process control sheet (form 06). */
export type HandOffClass = 'early' | 'on_time' | 'late';

/**
 * Classify a hand-off against its step deadline (phiếu kiểm soát, form 06 of Circular 03/2025: "trước hạn / đúng
 * hạn / quá hạn"). Defined on Vietnam local dates, because the sheet is read in days:
 * - `early`   — handed off on a local date before the due instant's local date;
 * - `on_time` — handed off on the due local date, at or before the due instant;
 * - `late`    — after the due instant (on the due date after the due time, or on any later date).
 * So a hand-off at 10:00 for a step due the same day at 17:00 is on time, not early; one the day before is early.
 */
export function classifyHandOff(handedOffAt: Instant, stepDueAt: Instant): HandOffClass {
  const at = toMillis(handedOffAt);
  const due = toMillis(stepDueAt);
  if (at > due) return 'late';
  return vnLocalDate(handedOffAt) < vnLocalDate(stepDueAt) ? 'early' : 'on_time';
}

/**
 * When officials start being warned: due minus one working day (computed by the server with the calendar), but never
 * before the dossier was received — a dossier due within a working day of its receipt is due soon from its receipt,
 * not from a moment before anyone had it. Answers the ISO instant of the later of the two.
 */
export function warningFrom(dueMinusOneWorkingDay: Instant, receivedAt: Instant | null | undefined): string {
  const warn = toMillis(dueMinusOneWorkingDay);
  const at = receivedAt == null ? warn : Math.max(warn, toMillis(receivedAt));
  return new Date(at).toISOString();
}

/**
 * True from `dueSoonFrom` on (inclusive). `dueSoonFrom` is the due instant minus one working day, computed by the
 * server with the calendar: officials are warned then (domain brief §3, "warn officials at due date minus 1
 * working day"). It stays true once overdue; use `deadlineStatus` to tell the two apart.
 */
export function isDueSoon(now: Instant, dueSoonFrom: Instant): boolean {
  return toMillis(now) >= toMillis(dueSoonFrom);
}

/** True strictly after `dueAt`: a result at exactly the appointed minute is on time. */
export function isOverdue(now: Instant, dueAt: Instant): boolean {
  return toMillis(now) > toMillis(dueAt);
}

export type DeadlineStatus = 'ok' | 'due_soon' | 'overdue';

/** The badge to show: overdue beats due soon. */
export function deadlineStatus(now: Instant, dueSoonFrom: Instant, dueAt: Instant): DeadlineStatus {
  if (isOverdue(now, dueAt)) return 'overdue';
  return isDueSoon(now, dueSoonFrom) ? 'due_soon' : 'ok';
}

/**
 * Whether an apology and extension (form 04) may still be issued at `now`. Decree 118/2025 (and the domain brief
 * §3) require it "at the latest one working day before the due date"; with `dueSoonFrom` = due minus one working
 * day, that working day is the local date of `dueSoonFrom`, and the whole of that day counts. So: allowed iff the
 * local date of `now` is on or before the local date of `dueSoonFrom`.
 */
export function isExtensionTimely(now: Instant, dueSoonFrom: Instant): boolean {
  return vnLocalDate(now) <= vnLocalDate(dueSoonFrom);
}
