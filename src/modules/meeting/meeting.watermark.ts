/**
 * The per-participant copy of a meeting document: every page stamped with the reader's name and the time of the
 * copy (a faint diagonal line and a footer), so a leaked copy names its reader. The font is DejaVu Sans (the
 * `dejavu-fonts-ttf` package the results use), embedded whole for the Vietnamese letters.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as fontkit from 'fontkit';
import { degrees, PDFDocument, rgb } from 'pdf-lib';

let font: Uint8Array | null = null;
const fontBytes = () => (font ??= new Uint8Array(readFileSync(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'))));

export class UnreadableDocument extends Error {}

/** Checks that the bytes are a PDF pdf-lib can open (not encrypted). Returns its page count. */
export async function pdfPages(bytes: Uint8Array): Promise<number> {
  try {
    const doc = await PDFDocument.load(bytes, { updateMetadata: false });
    return doc.getPageCount();
  } catch (err) {
    throw new UnreadableDocument((err as Error).message);
  }
}

export async function watermark(bytes: Uint8Array, text: string): Promise<Buffer> {
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  // Also in the document's information, where a program (or a test) reads it back.
  doc.setSubject(text);
  doc.registerFontkit(fontkit as never);
  const f = await doc.embedFont(fontBytes(), { subset: false });
  for (const page of doc.getPages()) {
    const { width, height } = page.getSize();
    const size = Math.max(10, Math.min(28, (width * 0.9) / Math.max(1, f.widthOfTextAtSize(text, 1))));
    page.drawText(text, { x: width * 0.1, y: height * 0.3, size, font: f, color: rgb(0.6, 0.6, 0.6), opacity: 0.25, rotate: degrees(35) });
    page.drawText(text, { x: 24, y: 14, size: 8, font: f, color: rgb(0.35, 0.35, 0.35) });
  }
  return Buffer.from(await doc.save({ useObjectStreams: false }));
}
