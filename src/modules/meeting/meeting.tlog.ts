import { rowLeafSource } from '../tlog';
import { meetings } from './meeting.schema';

type MeetingRow = typeof meetings.$inferSelect;

/** A meeting's signed minutes in the transparency log: the PDF's hash, as appended and as the verifier re-derives it. */
export function minutesLeaf(m: { id: string; agencyId: string; title: string; minutesSha256: string; minutesSignedAt: Date }) {
  return { fields: { agencyId: m.agencyId, sha256: m.minutesSha256, signedAt: m.minutesSignedAt.toISOString() }, private: { meetingId: m.id, title: m.title } };
}

/** Every meeting with signed minutes has its leaf, unchanged (for `motcua log verify`). */
export const meetingLeafSource = rowLeafSource('meeting_minutes', meetings, { id: meetings.id, loggedWhen: meetings.minutesSignedAt }, (m: MeetingRow) =>
  minutesLeaf({ id: m.id, agencyId: m.agencyId, title: m.title, minutesSha256: m.minutesSha256 ?? '', minutesSignedAt: m.minutesSignedAt! }),
);
