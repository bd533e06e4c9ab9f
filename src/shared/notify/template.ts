/**
 * Message templates with GOV.UK Notify's personalisation syntax: `((name))` is replaced by a value, and
 * `((name??text))` shows `text` only when `name` has a value (optional content). A list value becomes a bulleted
 * list when its placeholder stands alone on a line, else a comma-separated run. Pure functions, no I/O.
 */

export type PersonalisationValue = string | number | boolean | readonly string[] | null | undefined;
export type Personalisation = Readonly<Record<string, PersonalisationValue>>;

/** `((name))` or `((name??optional text))`; names are lower snake case. */
const PLACEHOLDER = /\(\(([a-z][a-z0-9_]*)(?:\?\?((?:[^()]|\((?!\())*?))?\)\)/g;

export interface Placeholder {
  name: string;
  /** Present for `((name??text))`. */
  conditional?: string;
}

/** The placeholders of a text, in order of first appearance (a conditional's name counts). */
export function placeholdersOf(text: string): Placeholder[] {
  const out: Placeholder[] = [];
  const seen = new Set<string>();
  for (const m of text.matchAll(PLACEHOLDER)) {
    const key = `${m[1]}|${m[2] ?? ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(m[2] !== undefined ? { name: m[1], conditional: m[2] } : { name: m[1] });
  }
  return out;
}

export const placeholderNames = (text: string): string[] => [...new Set(placeholdersOf(text).map((p) => p.name))];

/** Brackets that look like a placeholder but are not one (e.g. `((Name))`, `((a b))`, an unclosed `((`). */
export function malformedPlaceholders(text: string): string[] {
  const stripped = text.replace(PLACEHOLDER, '');
  return [...stripped.matchAll(/\(\([^)]*\)?\)?/g)].map((m) => m[0]);
}

const hasValue = (v: PersonalisationValue): boolean => (Array.isArray(v) ? v.length > 0 : v !== undefined && v !== null && v !== false && String(v).trim() !== '');

export type RenderFormat = 'text' | 'html' | 'sms';

export interface Rendered {
  text: string;
  /** Placeholders with no value given (rendered empty). */
  missing: string[];
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/**
 * Fills a template. `text` and `sms` give plain text; `html` gives escaped text whose lists are already `<ul>`
 * (paragraphs are made by {@link toEmailHtml}). Missing values render empty and are reported, never as `((name))`.
 */
export function render(template: string, values: Personalisation, format: RenderFormat = 'text'): Rendered {
  const missing = new Set<string>();
  const lines = template.split('\n').map((line): string | null => {
    // A list placeholder alone on its line becomes one bullet per item.
    const alone = /^\s*\(\(([a-z][a-z0-9_]*)\)\)\s*$/.exec(line);
    if (alone && Array.isArray(values[alone[1]])) {
      const items = (values[alone[1]] as readonly string[]).filter((x) => x.trim() !== '');
      if (!items.length) {
        missing.add(alone[1]);
        return null;
      }
      if (format === 'sms') return items.join('; ');
      if (format === 'html') return `<ul>${items.map((i) => `<li>${escapeHtml(i)}</li>`).join('')}</ul>`;
      return items.map((i) => `• ${i}`).join('\n');
    }
    // Literal text and values are escaped alike for HTML; placeholders are filled one by one.
    const esc = (x: string) => (format === 'html' ? escapeHtml(x) : x);
    let out = '';
    let last = 0;
    let filled = false;
    for (const m of line.matchAll(PLACEHOLDER)) {
      filled = true;
      out += esc(line.slice(last, m.index));
      last = m.index! + m[0].length;
      const [, name, conditional] = m;
      const v = values[name];
      if (conditional !== undefined) {
        out += hasValue(v) ? esc(conditional) : '';
        continue;
      }
      if (!hasValue(v)) {
        if (v !== false) missing.add(name);
        continue;
      }
      out += esc(Array.isArray(v) ? v.join(', ') : String(v));
    }
    out += esc(line.slice(last));
    // A line made only of optional content that is all absent goes away (no stray blank line).
    return filled && out.trim() === '' ? null : out;
  });
  let text = lines.filter((l) => l !== null).join('\n');
  // Optional content left empty must not leave gaps: trailing spaces, and at most one blank line in a row.
  text = text
    .split('\n')
    .map((l) => l.replace(/[ \t]+$/, ''))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  // A value the template itself treats as optional (`((name??…))`) is not missing when absent.
  const optional = new Set(placeholdersOf(template).filter((x) => x.conditional !== undefined).map((x) => x.name));
  return { text, missing: [...missing].filter((m) => !optional.has(m)) };
}

const URL_RE = /\bhttps?:\/\/[^\s<]+[^\s<.,;:!?)]/g;

/** Plain rendered HTML text (from `render(..., 'html')`) as e-mail paragraphs, with links made clickable. */
export function toEmailHtml(renderedHtml: string): string {
  return renderedHtml
    .split(/\n{2,}/)
    .map((block) => {
      const linked = block.replace(URL_RE, (u) => `<a href="${u}" style="color:#1d70b8">${u}</a>`);
      if (/^<ul>.*<\/ul>$/s.test(block.trim())) return linked.replace('<ul>', '<ul style="margin:0 0 16px 20px;padding:0">');
      return `<p style="margin:0 0 16px 0">${linked.replace(/\n/g, '<br>')}</p>`;
    })
    .join('\n');
}
