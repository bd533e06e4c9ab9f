import { describe, expect, it } from 'vitest';
import { majorityReached, meetingNext, opinionAccepted, quorumReached, videoUrl, voteOutcome, type MajorityRule, type QuorumRule, type VoteOutcome } from './rules';

describe('quorum', () => {
  it.each<[QuorumRule, number, number, boolean]>([
    ['half', 10, 5, true],
    ['half', 10, 4, false],
    ['half', 7, 4, true],
    ['half', 7, 3, false],
    ['more_than_half', 10, 5, false],
    ['more_than_half', 10, 6, true],
    ['two_thirds', 9, 6, true],
    ['two_thirds', 9, 5, false],
    ['two_thirds', 10, 7, true],
    ['two_thirds', 10, 6, false],
    ['all', 3, 3, true],
    ['all', 3, 2, false],
    ['half', 0, 0, false],
  ])('%s of %i members with %i ballots: %s', (rule, members, cast, ok) => expect(quorumReached(rule, members, cast)).toBe(ok));
});

describe('majority', () => {
  it.each<[MajorityRule, number, number, number, number, boolean]>([
    // rule, members, yes, no, abstain
    ['simple', 10, 3, 2, 5, true],
    ['simple', 10, 3, 3, 0, false],
    ['of_cast', 10, 3, 2, 1, false],
    ['of_cast', 10, 4, 2, 1, true],
    ['of_members', 10, 5, 0, 0, false],
    ['of_members', 10, 6, 4, 0, true],
    ['two_thirds_of_members', 9, 6, 0, 0, true],
    ['two_thirds_of_members', 9, 5, 0, 0, false],
  ])('%s, %i members, %i/%i/%i', (rule, members, yes, no, abstain, ok) => expect(majorityReached(rule, { members, yes, no, abstain })).toBe(ok));
});

describe('vote outcome', () => {
  it.each<[QuorumRule, MajorityRule, number, number, number, number, VoteOutcome]>([
    ['more_than_half', 'of_cast', 5, 2, 0, 0, 'no_quorum'],
    ['more_than_half', 'of_cast', 5, 2, 1, 0, 'adopted'],
    ['more_than_half', 'of_cast', 5, 1, 1, 1, 'rejected'],
    ['half', 'simple', 4, 1, 1, 0, 'rejected'],
    ['two_thirds', 'of_members', 3, 2, 0, 0, 'adopted'],
    ['two_thirds', 'of_members', 3, 1, 0, 0, 'no_quorum'],
  ])('%s / %s, %i members, %i/%i/%i → %s', (q, m, members, yes, no, abstain, out) => expect(voteOutcome(q, m, { members, yes, no, abstain })).toBe(out));

  it('refuses more ballots than members', () => expect(() => voteOutcome('half', 'simple', { members: 1, yes: 1, no: 1, abstain: 0 })).toThrow());
});

describe('meeting states and deadlines', () => {
  it('moves through its states', () => {
    expect(meetingNext('scheduled', 'open')).toBe('open');
    expect(meetingNext('open', 'close')).toBe('closed');
    expect(meetingNext('closed', 'sign_minutes')).toBe('minutes_signed');
    expect(meetingNext('scheduled', 'sign_minutes')).toBeNull();
    expect(meetingNext('minutes_signed', 'cancel')).toBeNull();
  });
  it.each<[string | null, string, 'scheduled' | 'open' | 'closed', boolean]>([
    ['2026-05-10T10:00:00Z', '2026-05-10T09:59:59Z', 'open', true],
    ['2026-05-10T10:00:00Z', '2026-05-10T10:00:00Z', 'open', false],
    ['2026-05-10T10:00:00Z', '2026-05-11T00:00:00Z', 'scheduled', false],
    [null, '2030-01-01T00:00:00Z', 'open', true],
    [null, '2026-01-01T00:00:00Z', 'closed', false],
  ])('deadline %s, opinion at %s (%s): %s', (d, at, state, ok) => expect(opinionAccepted(d ? new Date(d) : null, new Date(at), state)).toBe(ok));
  it('fills the video template', () => {
    expect(videoUrl('https://meet.jit.si/motcua-{meetingId}', 'abc')).toBe('https://meet.jit.si/motcua-abc');
    expect(videoUrl(null, 'abc')).toBeNull();
  });
});
