/**
 * Paperless meetings (họp không gặp mặt): the pure rules — the meeting's states, the deadline of a written
 * consultation (lấy ý kiến bằng văn bản), and the quorum and majority of a vote. No I/O; the server and the web app
 * both import them.
 */

export const MEETING_STATES = ['scheduled', 'open', 'closed', 'minutes_signed', 'cancelled'] as const;
export type MeetingState = (typeof MEETING_STATES)[number];

export const MEETING_ACTIONS = ['open', 'close', 'sign_minutes', 'cancel'] as const;
export type MeetingAction = (typeof MEETING_ACTIONS)[number];

const NEXT: Record<MeetingState, Partial<Record<MeetingAction, MeetingState>>> = {
  scheduled: { open: 'open', cancel: 'cancelled' },
  open: { close: 'closed' },
  closed: { sign_minutes: 'minutes_signed' },
  minutes_signed: {},
  cancelled: {},
};

/** The state after an action, or null when the action is not allowed in this state. */
export function meetingNext(state: MeetingState, action: MeetingAction): MeetingState | null {
  return NEXT[state][action] ?? null;
}

/** Documents may be distributed and read, opinions given and votes held while the meeting is not finished. */
export const meetingLive = (state: MeetingState) => state === 'scheduled' || state === 'open';

/**
 * Whether a written opinion on a document is still accepted: before the document's deadline (exclusive: at the
 * deadline's instant it is refused), or always when it has none — and only while the meeting is live.
 */
export function opinionAccepted(deadline: Date | null, at: Date, state: MeetingState): boolean {
  if (!meetingLive(state)) return false;
  return deadline === null || at.getTime() < deadline.getTime();
}

/** Quorum: how many of the voting members must take part (a ballot, abstentions included). */
export const QUORUM_RULES = ['half', 'more_than_half', 'two_thirds', 'all'] as const;
export type QuorumRule = (typeof QUORUM_RULES)[number];
/**
 * Majority: `simple` — more yes than no; `of_cast` — more than half of the ballots cast (abstentions count against);
 * `of_members` — more than half of all voting members (Vietnamese collective bodies' "quá nửa tổng số thành viên");
 * `two_thirds_of_members` — at least two thirds of all voting members.
 */
export const MAJORITY_RULES = ['simple', 'of_cast', 'of_members', 'two_thirds_of_members'] as const;
export type MajorityRule = (typeof MAJORITY_RULES)[number];

export const CHOICES = ['yes', 'no', 'abstain'] as const;
export type Choice = (typeof CHOICES)[number];

export interface Tally {
  /** Voting members of the meeting. */
  members: number;
  yes: number;
  no: number;
  abstain: number;
}

export type VoteOutcome = 'adopted' | 'rejected' | 'no_quorum';

/** Whether the ballots cast reach the quorum (integers only: no rounding surprises). */
export function quorumReached(rule: QuorumRule, members: number, cast: number): boolean {
  if (members <= 0) return false;
  switch (rule) {
    case 'half':
      return 2 * cast >= members;
    case 'more_than_half':
      return 2 * cast > members;
    case 'two_thirds':
      return 3 * cast >= 2 * members;
    case 'all':
      return cast >= members;
  }
}

/** Whether the yes ballots carry the motion under the majority rule (quorum not considered). */
export function majorityReached(rule: MajorityRule, t: Tally): boolean {
  const cast = t.yes + t.no + t.abstain;
  switch (rule) {
    case 'simple':
      return t.yes > t.no;
    case 'of_cast':
      return 2 * t.yes > cast;
    case 'of_members':
      return 2 * t.yes > t.members;
    case 'two_thirds_of_members':
      return 3 * t.yes >= 2 * t.members;
  }
}

/** The outcome of a closed vote: without quorum nothing is decided. */
export function voteOutcome(quorum: QuorumRule, majority: MajorityRule, t: Tally): VoteOutcome {
  const cast = t.yes + t.no + t.abstain;
  if (cast > t.members) throw new Error('more ballots than voting members');
  if (!quorumReached(quorum, t.members, cast)) return 'no_quorum';
  return majorityReached(majority, t) ? 'adopted' : 'rejected';
}

/**
 * The video room of a meeting: the configured template (MEETING_VIDEO_URL_TEMPLATE) with `{meetingId}` replaced;
 * null when no video system is configured.
 */
export function videoUrl(template: string | null, meetingId: string): string | null {
  if (!template) return null;
  return template.split('{meetingId}').join(encodeURIComponent(meetingId));
}
