// The platform for bench:payment: demo data, the bank-notification secret set, and BENCH_PAYMENTS open VietQR
// payments of phường Hồng Bàng (written straight to the table: set-up, not measured). Reports its port and the
// payments' codes; on request imports a statement (the reconciliation measure) and reports the time it took.
import { randomUUID } from 'node:crypto';
import { benchPlatform } from '../lib/platform';
import { paymentCodeFromBytes } from '../../src/shared/payment/code';
import { payments } from '../../src/modules/payment/payment.schema';

const { platform, db, app } = await benchPlatform({ NOTIFY_SIMULATOR: 'false', PAYMENT_GATEWAY_SIMULATOR: 'false' });
const agencies = (await app.inject({ method: 'GET', url: '/api/agencies' })).json() as Array<{ id: string; code: string }>;
const hongBang = agencies.find((a) => a.code === '000.00.21.H38')!.id;
const account = (await platform.services.payments.service.account(hongBang))!;

const N = Number(process.env.BENCH_PAYMENTS ?? 80_000);
const now = new Date();
const expiresAt = new Date(now.getTime() + 86_400_000);
const codes: string[] = [];
const seen = new Set<string>();
const bytes = new Uint8Array(5);
while (codes.length < N) {
  crypto.getRandomValues(bytes);
  const c = paymentCodeFromBytes(bytes);
  if (seen.has(c)) continue;
    seen.add(c);
    codes.push(c);
}
for (let i = 0; i < N; i += 1000) {
  await db.insert(payments).values(
    codes.slice(i, i + 1000).map((code) => ({
      id: randomUUID(),
      code,
      dossierId: null,
      reference: `BENCH-${code}`,
      description: 'Lệ phí (bench)',
      amountVnd: 16_000,
      agencyId: hongBang,
      provider: 'vietqr',
      providerRef: code,
      status: 'created',
      returnUrl: 'https://example.vn/',
      metadata: {},
      next: null,
      createdBy: null,
      payerName: 'Nguyễn Văn An',
      lines: [{ label: 'Lệ phí', amountVnd: 16_000 }],
      createdAt: now,
      updatedAt: now,
      expiresAt,
    })),
  );
}
await app.listen({ port: 0, host: '127.0.0.1' });
process.send!({ port: (app.server.address() as { port: number }).port, secret: platform.services.payments.bankSecret(), account: account.accountNumber, codes });

process.on('message', async (m: any) => {
  if (m.cmd !== 'statement') return;
  const desk = await platform.services.identity.passwordLogin('tiepnhan.hongbang', 'MotCua@2026', 'bench');
  const t0 = performance.now();
  const r = await app.inject({ method: 'POST', url: `/api/payments/statements?agency_id=${hongBang}`, headers: { cookie: `motcua_session=${desk.token}`, 'x-csrf-token': desk.csrfToken, 'content-type': 'text/csv' }, payload: m.csv as string });
  const ms = performance.now() - t0;
  process.send!({ cmd: 'statement', ms, status: r.statusCode, body: r.statusCode === 200 ? r.json() : r.body.slice(0, 500) });
});
process.on('SIGTERM', async () => {
  await platform.close();
  process.exit(0);
});
