/**
 * The demo's supervision: the construction department's monthly report on construction-material output, bound to
 * four demo enterprises, with a seeded year (2025) of deliveries by API — some late, some out of range, one
 * inconsistent with the month before, two months missing, one corrected (history). Deterministic.
 */
import { eq } from 'drizzle-orm';
import type { Db } from '../../platform/db/client';
import { platformActor } from '../../platform/auth/actor';
import type { ObligationBody } from '../../shared/api/supervision';
import { SupervisionService } from './supervision.service';
import { supervisionObligations } from './supervision.schema';
import { ReceiptSigner } from './receipt';
import type { SupervisionPorts } from './supervision.ports';

export const DEMO_SUPERVISION_TITLE = 'Báo cáo định kỳ sản lượng sản xuất vật liệu xây dựng';
export const DEMO_SUPERVISION_YEAR = 2025;
export const DEMO_SUPERVISED = ['0201234567', '0202345678', '0803456789', '0204567890'] as const;

export function demoObligation(agencyId: string): ObligationBody {
  return {
    agencyId,
    title: DEMO_SUPERVISION_TITLE,
    description: 'Sản lượng sản xuất, tiêu thụ và số lao động của cơ sở sản xuất vật liệu xây dựng trong tháng.',
    legalBasis: 'Nghị định số 09/2021/NĐ-CP ngày 09/02/2021 của Chính phủ về quản lý vật liệu xây dựng; Thông tư số 04/2023/TT-BXD về chế độ báo cáo thống kê ngành Xây dựng.',
    frequency: 'monthly',
    dueDay: 15,
    format: 'csv',
    fields: [
      { key: 'san_pham', label: 'Sản phẩm', type: 'string', required: true, maxLength: 200 },
      { key: 'san_luong', label: 'Sản lượng sản xuất', type: 'number', unit: 'tấn', required: true, min: 0, max: 50000, maxChangePct: 50 },
      { key: 'tieu_thu', label: 'Sản lượng tiêu thụ', type: 'number', unit: 'tấn', required: true, min: 0, max: 50000 },
      { key: 'lao_dong', label: 'Số lao động', type: 'integer', unit: 'người', required: true, min: 0, max: 2000 },
    ],
    subjects: { enterpriseCodes: [...DEMO_SUPERVISED] },
    startPeriod: `${DEMO_SUPERVISION_YEAR}-01`,
  };
}

/** The month's CSV of one demo enterprise (`factor` scales the output). */
export function demoCsv(base: number, month: number, factor = 1, product = 'Gạch không nung'): string {
  const out = Math.round(base * (1 + ((month * 7) % 11) / 100) * factor);
  return `san_pham,san_luong,tieu_thu,lao_dong\r\n${product},${out},${Math.round(out * 0.9)},${40 + (month % 4)}\r\n`;
}

/** Who delivers what: late months, missing months, anomalies (month → output factor). */
const PLAN: Record<(typeof DEMO_SUPERVISED)[number], { base: number; late: number[]; missing: number[]; factor: Record<number, number>; corrected?: number }> = {
  '0201234567': { base: 1200, late: [], missing: [], factor: {}, corrected: 5 },
  '0202345678': { base: 30000, late: [3, 7, 11], missing: [], factor: { 6: 2.1 } },
  '0803456789': { base: 800, late: [1, 5], missing: [9, 10], factor: { 8: 1.8 } },
  '0204567890': { base: 2500, late: [2], missing: [12], factor: { 4: 21 } },
};

const at = (y: number, m: number, d: number) => new Date(`${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}T09:00:00+07:00`);

export async function seedDemoSupervision(db: Db, opts: { agencyId: string; receiptKeyFile: string; publicUrl: string; ports: SupervisionPorts }): Promise<{ obligationId: string; deliveries: number } | null> {
  const [exists] = await db.select({ id: supervisionObligations.id }).from(supervisionObligations).where(eq(supervisionObligations.title, DEMO_SUPERVISION_TITLE));
  if (exists) return null;
  const service = new SupervisionService(db, opts.ports, new ReceiptSigner(opts.receiptKeyFile), opts.publicUrl);
  const actor = platformActor('seed');
  const body = demoObligation(opts.agencyId);
  const subjects = await service.resolveSubjects(body);
  const defined = at(DEMO_SUPERVISION_YEAR, 1, 5);
  const o = await db.transaction((tx) => service.defineAs(tx, actor, body, subjects, defined));
  const none = { entity: [], officers: [] };
  let n = 0;
  const y = DEMO_SUPERVISION_YEAR;
  for (let m = 1; m <= 12; m++) {
    for (const code of DEMO_SUPERVISED) {
      const plan = PLAN[code];
      if (plan.missing.includes(m)) continue;
      const period = `${y}-${String(m).padStart(2, '0')}`;
      const ny = m === 12 ? y + 1 : y;
      const nm = m === 12 ? 1 : m + 1;
      const when = at(ny, nm, plan.late.includes(m) ? 24 : 10);
      const content = demoCsv(plan.base, m, plan.factor[m] ?? 1);
      await db.transaction((tx) => service.deliver(tx, null, actor, { obligationId: o.id, enterpriseCode: code, period, content, channel: 'api', accountId: null, apiKeyId: null }, none, when));
      n++;
      if (plan.corrected === m) {
        const fixed = demoCsv(plan.base, m, 1.02);
        await db.transaction((tx) => service.deliver(tx, null, actor, { obligationId: o.id, enterpriseCode: code, period, content: fixed, channel: 'api', accountId: null, apiKeyId: null }, none, at(ny, nm, 12)));
        n++;
      }
    }
  }
  return { obligationId: o.id, deliveries: n };
}
