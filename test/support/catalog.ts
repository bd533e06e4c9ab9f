import type { ProcedureVersionInput } from '../../src/modules/catalog';

/**
 * A version without a national code, offered in person only: a version offered online needs its national code to be
 * published (Decree 42/2022), so tests that publish made-up procedures take them off the online channel.
 */
export function withoutCode<T extends ProcedureVersionInput>(v: T): T {
  return { ...v, nationalCode: null, onlineLevel: 'partial', submission: { ...v.submission, channels: ['in-person'] } };
}

interface AdminClient {
  post(url: string, body?: unknown): Promise<{ statusCode: number; body: string; json(): any }>;
}

/**
 * Publishes a draft the only way there is: its author sends it for approval and another administrator approves it
 * now. Returns the approval's answer (the review, `published`, or the refusal to check).
 */
export async function publishThroughReview(author: AdminClient, approver: AdminClient, versionId: string) {
  const submitted = await author.post(`/api/admin/procedure-versions/${versionId}/review/submit`, {});
  if (submitted.statusCode !== 200) return submitted;
  return approver.post(`/api/admin/procedure-versions/${versionId}/review/approve`, {});
}
