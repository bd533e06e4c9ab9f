/**
 * Forms 01–06 as one self-contained, printable HTML document (no external fonts, scripts or images). Every piece of
 * text passes through `escapeHtml`; the only markup comes from this file.
 */
import { buildFormDocument, type Block, type FormDocument, type SignatureBlock } from './documents.content';
import { isWebAddress } from './documents.format';
import { qrSvgDataUri } from './documents.qr';
import type { DocumentForm, FormDataMap } from './documents.types';

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escape text for an element body or a quoted attribute value. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);
}

// Margins follow Decree 30/2020/NĐ-CP, Annex I: top and bottom 20–25 mm, left 30–35 mm, right 15–20 mm.
const STYLE = `
@page { size: A4; margin: 20mm 20mm 20mm 30mm; }
* { box-sizing: border-box; }
body { margin: 0; background: #fff; color: #000; font: 13pt/1.3 "Times New Roman", "DejaVu Serif", serif; }
main { max-width: 160mm; margin: 0 auto; padding: 10mm 0; }
p { margin: 0 0 4pt; }
.form-label { text-align: right; font-weight: bold; font-size: 11pt; }
.heading { display: flex; justify-content: space-between; gap: 8mm; text-align: center; margin-bottom: 12pt; }
.heading p { margin: 0; }
.issuer { flex: 0 0 40%; }
.nation { flex: 1 1 auto; }
.caps { font-weight: bold; font-size: 12pt; }
.nation .caps { white-space: nowrap; font-size: 11.5pt; }
.agency { font-size: 12pt; }
.unit::after { content: ""; display: block; width: 35%; margin: 2pt auto 4pt; border-bottom: 1px solid #000; }
.motto { display: inline-block; font-weight: bold; text-decoration: underline; text-underline-offset: 3pt; }
.place-date { font-style: italic; margin-top: 8pt !important; }
h1 { text-align: center; font-size: 14pt; margin: 12pt 0 2pt; }
h2 { font-size: 13pt; margin: 10pt 0 4pt; }
.subtitle { text-align: center; font-weight: bold; }
.addressee { text-align: center; margin: 8pt 0; }
dl.fields { margin: 0 0 6pt; }
dl.fields div { margin: 0; }
dl.fields dt { display: inline; }
dl.fields dt::after { content: ": "; }
dl.fields dd { display: inline; margin: 0; font-weight: bold; }
table { width: 100%; border-collapse: collapse; table-layout: fixed; margin: 4pt 0 8pt; font-size: 11.5pt; }
th, td { overflow-wrap: anywhere; }
caption { text-align: left; font-weight: bold; padding-bottom: 3pt; }
th, td { border: 1px solid #000; padding: 3pt 4pt; vertical-align: top; text-align: left; white-space: pre-line; }
th { text-align: center; }
.center { text-align: center; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
figure.qr { display: flex; align-items: center; gap: 10pt; margin: 4pt 0 8pt; }
figure.qr img { width: 28mm; height: 28mm; }
figure.qr a { color: inherit; word-break: break-all; }
.signatures { display: flex; justify-content: flex-end; gap: 8mm; margin-top: 10pt; break-inside: avoid; }
.signatures.two { justify-content: space-between; }
.signer { flex: 0 0 48%; text-align: center; }
.signer p { margin: 0; }
.signer .capacity { font-weight: bold; }
.signer .hint { font-style: italic; }
.signer .name { font-weight: bold; margin-top: 48pt; }
@media print { main { max-width: none; padding: 0; } a { text-decoration: none; } }
`;

/** Lines separated by `\n` (signing capacities), escaped and joined with `<br>`. */
const lines = (s: string) => s.split('\n').map(escapeHtml).join('<br>');

function heading(doc: FormDocument): string {
  return `<header class="heading">
<div class="issuer">
<p class="agency">${escapeHtml(doc.issuer.agency)}</p>
<p class="caps unit">${escapeHtml(doc.issuer.unit)}</p>
${doc.documentNumber ? `<p>${escapeHtml(doc.documentNumber)}</p>` : ''}
</div>
<div class="nation">
<p class="caps">CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</p>
<p><span class="motto">Độc lập - Tự do - Hạnh phúc</span></p>
<p class="place-date">${escapeHtml(doc.placeDate)}</p>
</div>
</header>`;
}

function block(b: Block): string {
  switch (b.kind) {
    case 'heading':
      return `<h2>${escapeHtml(b.text)}</h2>`;
    case 'paragraph':
      return `<p>${escapeHtml(b.text)}</p>`;
    case 'fields':
      return `<dl class="fields">${b.fields
        .map((f) => `<div><dt>${escapeHtml(f.label)}</dt><dd>${escapeHtml(f.value)}</dd></div>`)
        .join('')}</dl>`;
    case 'list':
      return `<ol>${b.items.map((i) => `<li>${escapeHtml(i)}</li>`).join('')}</ol>`;
    case 'table': {
      const cls = (i: number) => (b.columns[i]?.align === 'center' ? ' class="center"' : '');
      const total = b.columns.reduce((sum, c) => sum + c.weight, 0);
      const cols = b.columns.map((c) => `<col style="width: ${((100 * c.weight) / total).toFixed(1)}%">`).join('');
      const head = b.columns.map((c) => `<th scope="col">${escapeHtml(c.header)}</th>`).join('');
      const body = b.rows
        .map((r) => `<tr>${r.map((cell, i) => `<td${cls(i)}>${lines(cell)}</td>`).join('')}</tr>`)
        .join('\n');
      return `<table><caption>${escapeHtml(b.caption)}</caption>
<colgroup>${cols}</colgroup>
<thead><tr>${head}</tr></thead>
<tbody>
${body}
</tbody></table>`;
    }
    case 'qr': {
      const address = isWebAddress(b.url)
        ? `<a href="${escapeHtml(b.url)}">${escapeHtml(b.url)}</a>`
        : escapeHtml(b.url);
      return `<figure class="qr"><img src="${qrSvgDataUri(b.url)}" alt="${escapeHtml(`Mã QR: ${b.url}`)}">
<figcaption>${escapeHtml(b.label)}<br>${address}</figcaption></figure>`;
    }
  }
}

function signature(s: SignatureBlock): string {
  return `<div class="signer"><p class="capacity">${lines(s.capacity)}</p><p class="hint">${escapeHtml(s.hint)}</p>
<p class="name">${escapeHtml(s.name)}</p></div>`;
}

/** A complete HTML document of form 01–06: `lang="vi"`, UTF-8, A4 print styles, all user text escaped. */
export function renderFormHtml<F extends DocumentForm>(form: F, data: FormDataMap[F]): string {
  const doc = buildFormDocument(form, data);
  const signers = doc.signers.length
    ? `<section class="signatures${doc.signers.length > 1 ? ' two' : ''}" aria-label="Chữ ký">
${doc.signers.map(signature).join('\n')}
</section>`
    : '';
  return `<!DOCTYPE html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="author" content="${escapeHtml(doc.meta.author)}">
<meta name="description" content="${escapeHtml(doc.meta.subject)}">
<title>${escapeHtml(doc.meta.title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<p class="form-label">${escapeHtml(doc.formLabel)}</p>
${heading(doc)}
<h1>${escapeHtml(doc.title)}</h1>
${doc.subtitle ? `<p class="subtitle">${escapeHtml(doc.subtitle)}</p>` : ''}
${doc.addressee ? `<p class="addressee">${escapeHtml(doc.addressee)}</p>` : ''}
${doc.blocks.map(block).join('\n')}
${signers}
</main>
</body>
</html>
`;
}
