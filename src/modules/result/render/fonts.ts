/**
 * The result documents' fonts: DejaVu Serif (regular, bold, italic; the `dejavu-fonts-ttf` package the national
 * forms use) embedded as CID TrueType fonts with a ToUnicode map, so text extracts with its diacritics.
 *
 * Speed: pdfkit parses and re-subsets the font files for each document (a few documents a second). Here each font
 * is subset ONCE per process to a fixed repertoire (ASCII, Latin-1, the Vietnamese letters, common punctuation) with
 * fontkit, pdfkit's own font engine, and the finished PDF objects are reused byte for byte in every document.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { deflateSync } from 'node:zlib';
import * as fontkit from 'fontkit';

export type FontStyle = 'regular' | 'bold' | 'italic';
const FILES: Record<FontStyle, string> = { regular: 'DejaVuSerif.ttf', bold: 'DejaVuSerif-Bold.ttf', italic: 'DejaVuSerif-Italic.ttf' };
const TAGS: Record<FontStyle, string> = { regular: 'MCRSLA', bold: 'MCRSLB', italic: 'MCRSLC' };
export const FONT_RESOURCE: Record<FontStyle, string> = { regular: 'F1', bold: 'F2', italic: 'F3' };

/** The repertoire: printable ASCII, Latin-1, the Vietnamese letters and punctuation of administrative documents. */
function repertoire(): number[] {
  const cps = new Set<number>();
  const range = (a: number, b: number) => {
    for (let c = a; c <= b; c++) cps.add(c);
  };
  range(0x20, 0x7e);
  range(0xa0, 0xff);
  for (const c of 'ĂăĐđĨĩŨũƠơƯư') cps.add(c.codePointAt(0)!);
  range(0x1ea0, 0x1ef9);
  for (const c of '‘’“”–—…•№°€') cps.add(c.codePointAt(0)!);
  return [...cps];
}

export interface EmbeddedFont {
  style: FontStyle;
  /** Advance widths in 1/1000 em by code point. */
  width(cp: number): number;
  /** The glyph ids (2 bytes each, hex) of a string, for a Tj operator. */
  hex(text: string): string;
}

interface Prepared {
  fonts: Record<FontStyle, EmbeddedFont>;
  /** The serialized font objects, numbered from FIRST_FONT_OBJECT, with their offsets inside `bytes`. */
  bytes: Buffer;
  offsets: number[];
}

/** Font objects take object numbers FIRST_FONT_OBJECT … FIRST_FONT_OBJECT + 14 (five per style). */
export const FIRST_FONT_OBJECT = 3;
export const FONT_OBJECT_COUNT = 15;
export const fontObjectNumber = (style: FontStyle) => FIRST_FONT_OBJECT + (['regular', 'bold', 'italic'] as const).indexOf(style) * 5;

let prepared: Prepared | undefined;

function toUnicodeCMap(pairs: Array<[number, number]>): string {
  const hex4 = (n: number) => n.toString(16).padStart(4, '0');
  const utf16 = (cp: number) => [...String.fromCodePoint(cp)].map((ch) => { const u = ch.charCodeAt(0); return hex4(u); }).join('');
  let out = '/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n1 begincodespacerange\n<0000> <ffff>\nendcodespacerange\n';
  for (let i = 0; i < pairs.length; i += 100) {
    const chunk = pairs.slice(i, i + 100);
    out += `${chunk.length} beginbfchar\n${chunk.map(([gid, cp]) => `<${hex4(gid)}> <${utf16(cp)}>`).join('\n')}\nendbfchar\n`;
  }
  return `${out}endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n`;
}

const stream = (dict: string, data: Buffer) => Buffer.concat([Buffer.from(`<< ${dict} /Length ${data.length} >>\nstream\n`, 'latin1'), data, Buffer.from('\nendstream', 'latin1')]);

/** Subsets the three fonts once and serializes their PDF objects. */
export function preparedFonts(): Prepared {
  if (prepared) return prepared;
  const require = createRequire(import.meta.url);
  const cps = repertoire();
  const objects: Buffer[] = [];
  const fonts = {} as Record<FontStyle, EmbeddedFont>;
  for (const style of ['regular', 'bold', 'italic'] as const) {
    const font = fontkit.create(readFileSync(require.resolve(`dejavu-fonts-ttf/ttf/${FILES[style]}`)));
    const subset = font.createSubset();
    const scale = 1000 / font.unitsPerEm;
    const gidOf = new Map<number, number>();
    const widthOf = new Map<number, number>();
    const widthsByGid: number[] = [Math.round(font.glyphForCodePoint(0).advanceWidth * scale)];
    const pairs: Array<[number, number]> = [];
    for (const cp of cps) {
      const g = font.glyphForCodePoint(cp);
      if (!g || g.id === 0) continue;
      const gid = subset.includeGlyph(g);
      gidOf.set(cp, gid);
      const w = Math.round(g.advanceWidth * scale);
      widthOf.set(cp, w);
      widthsByGid[gid] = w;
      pairs.push([gid, cp]);
    }
    const ttf = Buffer.from(subset.encode());
    const base = fontObjectNumber(style);
    const name = `${TAGS[style]}+${font.postscriptName}`;
    const bb = font.bbox;
    const flags = 32 | 2 | (style === 'italic' ? 64 : 0);
    objects.push(Buffer.from(`<< /Type /Font /Subtype /Type0 /BaseFont /${name} /Encoding /Identity-H /DescendantFonts [${base + 1} 0 R] /ToUnicode ${base + 4} 0 R >>`, 'latin1'));
    objects.push(Buffer.from(`<< /Type /Font /Subtype /CIDFontType2 /BaseFont /${name} /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor ${base + 2} 0 R /CIDToGIDMap /Identity /DW 1000 /W [0 [${Array.from(widthsByGid, (w) => w ?? 0).join(' ')}]] >>`, 'latin1'));
    objects.push(Buffer.from(`<< /Type /FontDescriptor /FontName /${name} /Flags ${flags} /FontBBox [${[bb.minX, bb.minY, bb.maxX, bb.maxY].map((v) => Math.round(v * scale)).join(' ')}] /ItalicAngle ${font.italicAngle} /Ascent ${Math.round(font.ascent * scale)} /Descent ${Math.round(font.descent * scale)} /CapHeight ${Math.round((font.capHeight || font.ascent) * scale)} /StemV 80 /FontFile2 ${base + 3} 0 R >>`, 'latin1'));
    objects.push(stream(`/Filter /FlateDecode /Length1 ${ttf.length}`, deflateSync(ttf)));
    objects.push(stream('/Filter /FlateDecode', deflateSync(Buffer.from(toUnicodeCMap(pairs), 'latin1'))));
    const fallback = gidOf.get(0x3f) ?? 0;
    fonts[style] = {
      style,
      width: (cp) => widthOf.get(cp) ?? widthOf.get(0x3f) ?? 500,
      hex: (text) => {
        let out = '';
        for (const ch of text.normalize('NFC')) out += (gidOf.get(ch.codePointAt(0)!) ?? fallback).toString(16).padStart(4, '0');
        return out;
      },
    };
  }
  const parts: Buffer[] = [];
  const offsets: number[] = [];
  let at = 0;
  objects.forEach((body, i) => {
    const obj = Buffer.concat([Buffer.from(`${FIRST_FONT_OBJECT + i} 0 obj\n`, 'latin1'), body, Buffer.from('\nendobj\n', 'latin1')]);
    offsets.push(at);
    parts.push(obj);
    at += obj.length;
  });
  prepared = { fonts, bytes: Buffer.concat(parts), offsets };
  return prepared;
}

/** Width of a string in points. */
export function textWidth(font: EmbeddedFont, text: string, size: number): number {
  let w = 0;
  for (const ch of text.normalize('NFC')) w += font.width(ch.codePointAt(0)!);
  return (w * size) / 1000;
}
