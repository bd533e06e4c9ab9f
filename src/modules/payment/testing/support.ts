/** What the payment tests share: a dossier brought to "waiting for payment" (national status 6) by its officers. */
import { expect } from 'vitest';
import type { TestClient, TestPlatform } from '../../../../test/support/platform';
import { ok, submittedDossier } from '../../../../test/support/dossier';

export interface Officers {
  citizen: TestClient;
  desk: TestClient;
  specialist: TestClient;
}

/** Submitted, received, claimed, and the specialist asks for `amountVnd` (the reason is the fee's name). */
export async function dossierAwaitingPayment(p: TestPlatform, agencyId: string, who: Officers, amountVnd = 16_000): Promise<string> {
  const d = await submittedDossier(p, who.citizen, agencyId);
  ok(await who.desk.post(`/api/dossiers/${d.id}/receive`));
  ok(await who.specialist.post(`/api/dossiers/${d.id}/claim`));
  const r = ok(await who.specialist.post(`/api/dossiers/${d.id}/request-payment`, { reason: 'Lệ phí đăng ký lại khai sinh', amountVnd }));
  expect(r.state).toBe('payment_requested');
  return d.id;
}
