/**
 * The printable report (báo cáo in) of the dashboard: the figures of the chosen filters (period, agency, procedure,
 * channel) as a one-page A4 PDF on the results' layout and embedded fonts (Vietnamese with its diacritics), through
 * the result module's `textPdf` port. Pure: the route gathers the data.
 */
import type { AgencyRef, Channel, Scope } from './analytics.service';

/** The result module's text PDF renderer, as analytics needs it (wired in main.ts). */
export interface TextPdfPort {
  (
    input: {
      agency: { name: string; parentName: string | null };
      title: string;
      subtitle?: string;
      sections: Array<{ heading?: string; lines: string[] }>;
      signatures: string[];
      subject: string;
      demo: boolean;
    },
    at: Date,
  ): Buffer;
}

export const CHANNEL_LABELS: Record<Channel, string> = { online: 'Trực tuyến', in_person: 'Trực tiếp', post: 'Qua bưu chính' };

interface DashboardFigures {
  index: { score: number; max: number; groups: Array<{ label: { vi: string }; score: number; max: number }> };
  status: { received: number; finished: number; onTime: number; late: number; open: number; overdueNow: number };
  averageDays: number | null;
  shares: { online: number | null; filedOnline: number | null; cashless: number | null; electronicResult: number | null };
  topByVolume: Array<{ name: string; received: number; late: number }>;
  communes: Array<{ name: string; received: number; finished: number; onTime: number; onTimeRate: number | null }>;
}

const num = (n: number) => new Intl.NumberFormat('vi-VN').format(n);
const pct = (x: number | null) => (x === null ? '—' : `${new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 1 }).format(x * 100)}%`);

export function reportInput(args: { scope: Scope; agency: AgencyRef | null; parent: AgencyRef | null; procedureName: string | null; d: DashboardFigures; now: Date }) {
  const { scope: s, d } = args;
  const months = s.months.length > 1 ? `${s.months[0]} đến ${s.months[s.months.length - 1]}` : s.months[0];
  const filters = [
    `Kỳ báo cáo: ${s.months.length > 1 ? `các tháng ${months}` : `tháng ${months}`}`,
    `Cơ quan: ${args.agency ? `${args.agency.name} và các đơn vị trực thuộc` : 'tất cả cơ quan thuộc phạm vi'}`,
    `Thủ tục: ${args.procedureName ?? 'tất cả'}`,
    `Kênh nộp hồ sơ: ${s.channel ? CHANNEL_LABELS[s.channel] : 'tất cả'}`,
  ];
  const stamp = new Intl.DateTimeFormat('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh', dateStyle: 'short', timeStyle: 'short' }).format(args.now);
  return {
    agency: { name: args.agency?.name ?? 'Hệ thống MotCua', parentName: args.parent?.name ?? null },
    title: 'Báo cáo thống kê giải quyết thủ tục hành chính',
    subtitle: `Lập lúc ${stamp} từ số liệu của hệ thống`,
    sections: [
      { heading: 'I. Phạm vi', lines: filters },
      {
        heading: `II. Chỉ số phục vụ (Quyết định 766): ${num(d.index.score)} / ${d.index.max} điểm`,
        lines: d.index.groups.map((g) => `${g.label.vi}: ${num(g.score)} / ${g.max}`),
      },
      {
        heading: 'III. Tình hình giải quyết',
        lines: [
          `Tiếp nhận: ${num(d.status.received)} hồ sơ; đã giải quyết: ${num(d.status.finished)}, trong đó đúng hạn ${num(d.status.onTime)}, trễ hạn ${num(d.status.late)} (tỷ lệ đúng hạn ${pct(d.status.finished ? d.status.onTime / d.status.finished : null)}).`,
          `Đang giải quyết: ${num(d.status.open)} hồ sơ, trong đó quá hạn ${num(d.status.overdueNow)}. Thời gian giải quyết trung bình: ${d.averageDays === null ? '—' : `${num(d.averageDays)} ngày`}.`,
          `Trực tuyến (theo Quyết định 766): ${pct(d.shares.online)}; nộp trực tuyến: ${pct(d.shares.filedOnline)}; thanh toán không dùng tiền mặt: ${pct(d.shares.cashless)}; kết quả điện tử: ${pct(d.shares.electronicResult)}.`,
        ],
      },
      { heading: 'IV. Đơn vị', lines: d.communes.slice(0, 8).map((c) => `${c.name}: ${num(c.received)} hồ sơ, đúng hạn ${num(c.onTime)} / ${num(c.finished)} (${pct(c.onTimeRate)})`) },
      { heading: 'V. Thủ tục nhiều hồ sơ nhất', lines: d.topByVolume.slice(0, 5).map((p, i) => `${i + 1}. ${p.name}: ${num(p.received)} hồ sơ, trễ hạn ${num(p.late)}`) },
    ].filter((x) => x.lines.length),
    signatures: [],
    subject: `Báo cáo thống kê ${months}`,
    demo: false,
  };
}
