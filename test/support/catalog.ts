import type { ProcedureVersionInput } from '../../src/modules/catalog';

/**
 * A version without a national code, offered in person only: a version offered online needs its national code to be
 * published (Decree 42/2022), so tests that publish made-up procedures take them off the online channel.
 */
export function withoutCode<T extends ProcedureVersionInput>(v: T): T {
  return { ...v, nationalCode: null, onlineLevel: 'partial', submission: { ...v.submission, channels: ['in-person'] } };
}
