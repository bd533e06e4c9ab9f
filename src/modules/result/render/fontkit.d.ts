/** The part of fontkit (pdfkit's font engine) the result renderer uses. */
declare module 'fontkit' {
  export interface Glyph {
    id: number;
    advanceWidth: number;
  }
  export interface Subset {
    includeGlyph(glyph: Glyph | number): number;
    encode(): Uint8Array;
  }
  export interface Font {
    postscriptName: string;
    unitsPerEm: number;
    ascent: number;
    descent: number;
    capHeight: number;
    italicAngle: number;
    bbox: { minX: number; minY: number; maxX: number; maxY: number };
    glyphForCodePoint(cp: number): Glyph;
    createSubset(): Subset;
  }
  export function create(buffer: Buffer | Uint8Array): Font;
}
