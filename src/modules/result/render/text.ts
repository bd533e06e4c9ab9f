/**
 * A one-page document of text on the results' layout (minutes, conclusions): the agency's heading, the title, the
 * paragraphs (headed sections), and the places of the signatures. Text past the page's end is cut with a note
 * that the full text is in the system (a page is what a one-page signed minutes holds).
 */
import { PageCanvas, plainPdf, PAGE } from './pdf';
import { columns, drawHeading, MARGINS } from './layout';

export interface TextPdfInput {
  agency: { name: string; parentName: string | null };
  title: string;
  /** Shown under the title, e.g. the place and date. */
  subtitle?: string;
  sections: Array<{ heading?: string; lines: string[] }>;
  /** The signing parties' captions, shown side by side at the bottom. */
  signatures: string[];
  subject: string;
  demo: boolean;
}

const SIZE = 11;
const LH = SIZE * 1.35;

export function renderTextPdf(c: TextPdfInput, at: Date): Buffer {
  const page = new PageCanvas();
  const cols = columns();
  const { ly, ry } = drawHeading(page, cols, c.agency);
  let y = Math.max(ly, ry) + 12;
  y = page.paragraph(c.title.toLocaleUpperCase('vi'), cols.x, y, cols.width, 'bold', 13, { align: 'center' });
  if (c.subtitle) y = page.paragraph(c.subtitle, cols.x, y + 2, cols.width, 'italic', SIZE, { align: 'center' });
  y += 8;
  const limit = PAGE.height - MARGINS.bottom - 90;
  let cut = false;
  for (const s of c.sections) {
    if (y > limit) {
      cut = true;
      break;
    }
    if (s.heading) y = page.paragraph(s.heading, cols.x, y + 4, cols.width, 'bold', SIZE);
    for (const line of s.lines) {
      if (y > limit) {
        cut = true;
        break;
      }
      y = page.paragraph(line, cols.x, y, cols.width, 'regular', SIZE, { lineHeight: LH });
    }
  }
  if (cut) y = page.paragraph('(Nội dung đầy đủ lưu trên hệ thống.)', cols.x, y, cols.width, 'italic', 9);
  const n = Math.max(1, c.signatures.length);
  const w = cols.width / n;
  const sy = Math.min(Math.max(y + 12, limit + 10), PAGE.height - MARGINS.bottom - 70);
  c.signatures.forEach((s, i) => {
    page.paragraph(s.toLocaleUpperCase('vi'), cols.x + i * w, sy, w, 'bold', 10, { align: 'center' });
    page.paragraph('(Ký số)', cols.x + i * w, sy + 26, w, 'italic', 9, { align: 'center' });
  });
  if (c.demo) page.paragraph('BẢN THỬ NGHIỆM (DEMO) — ký bằng chứng thư thử nghiệm, không có giá trị pháp lý.', cols.x, PAGE.height - MARGINS.bottom - 12, cols.width, 'bold', 9);
  return plainPdf(page, { title: c.title, author: c.agency.name, subject: c.subject }, at);
}
