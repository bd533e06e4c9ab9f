/**
 * The embedded PDF fonts: DejaVu Serif from the `dejavu-fonts-ttf` package. Serif like the Times New Roman of
 * Vietnamese administrative documents (Decree 30/2020/NĐ-CP), complete TrueType files (not per-script subsets as in
 * web-font packages) with 100% Vietnamese coverage in its own coverage table, and a free licence. pdfkit embeds only
 * the glyphs used, with a ToUnicode map, so text extracts with its diacritics.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

export type FontStyle = 'regular' | 'bold' | 'italic';

const FILES: Record<FontStyle, string> = {
  regular: 'DejaVuSerif.ttf',
  bold: 'DejaVuSerif-Bold.ttf',
  italic: 'DejaVuSerif-Italic.ttf',
};

let cache: Record<FontStyle, Buffer> | undefined;

/** The font files, read once from the installed package. */
export function serifFonts(): Record<FontStyle, Buffer> {
  if (!cache) {
    const require = createRequire(import.meta.url);
    const read = (file: string) => readFileSync(require.resolve(`dejavu-fonts-ttf/ttf/${file}`));
    cache = { regular: read(FILES.regular), bold: read(FILES.bold), italic: read(FILES.italic) };
  }
  return cache;
}
