/**
 * A further signature on a PDF that is already signed (a countersignature: minutes signed by the agency, then by
 * the other party): an incremental update appends a new signature dictionary, its widget, the first page with the
 * widget in its annotations and the form with the new field, so the bytes of the earlier signatures stay as they
 * were and each signature covers everything before it. The signer then fills /Contents; a second update adds the
 * /DSS (PAdES B-LT), as for a first signature.
 */
import { PDFArray, PDFDict, PDFHexString, PDFName, PDFNumber, PDFRef } from 'pdf-lib';
import { loadPdf, UnreadablePdf, type PreparedExisting } from './existing';
import { pdfDate, SIGNATURE_RESERVE, type SignatureInfo } from './pdf';

const PLACEHOLDER_RANGE = '/ByteRange [0 /********** /********** /**********]';

/** The signed file with a new signature field and a zero-filled /Contents, its /ByteRange written in. */
export async function prepareIncremental(pdf: Uint8Array, sig: SignatureInfo): Promise<PreparedExisting> {
  const original = Buffer.from(pdf);
  const doc = await loadPdf(original);
  const ctx = doc.context;
  const page = doc.getPages()[0];
  if (!page) throw new UnreadablePdf('no page');
  const head = original.toString('latin1');
  const prev = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(head);
  if (!prev) throw new UnreadablePdf('no startxref');
  const acroEntry = doc.catalog.get(PDFName.of('AcroForm'));
  const acro = doc.catalog.lookup(PDFName.of('AcroForm'));
  const fields = acro instanceof PDFDict ? acro.lookup(PDFName.of('Fields')) : undefined;
  const count = fields instanceof PDFArray ? fields.size() : 0;

  let next = ctx.largestObjectNumber + 1;
  const sigNo = next++;
  const widgetNo = next++;
  const widgetRef = PDFRef.of(widgetNo);
  // The page and the form as they will be: the new widget among the annotations and the fields.
  const rewritten = new Map<number, string>();
  const annotsEntry = page.node.get(PDFName.of('Annots'));
  const annots = page.node.lookup(PDFName.of('Annots'));
  if (annots instanceof PDFArray) {
    annots.push(widgetRef);
    if (annotsEntry instanceof PDFRef) rewritten.set(annotsEntry.objectNumber, annots.toString());
  } else page.node.set(PDFName.of('Annots'), ctx.obj([widgetRef]));
  rewritten.set(page.ref.objectNumber, page.node.toString());
  const rootRef = ctx.trailerInfo.Root as PDFRef;
  if (acro instanceof PDFDict) {
    if (fields instanceof PDFArray) {
      fields.push(widgetRef);
      const fieldsEntry = acro.get(PDFName.of('Fields'));
      if (fieldsEntry instanceof PDFRef) rewritten.set(fieldsEntry.objectNumber, fields.toString());
    } else acro.set(PDFName.of('Fields'), ctx.obj([widgetRef]));
    acro.set(PDFName.of('SigFlags'), PDFNumber.of(3));
    if (acroEntry instanceof PDFRef) rewritten.set(acroEntry.objectNumber, acro.toString());
    else rewritten.set(rootRef.objectNumber, doc.catalog.toString());
  } else {
    doc.catalog.set(PDFName.of('AcroForm'), ctx.obj({ Fields: [widgetRef], SigFlags: 3 }));
    rewritten.set(rootRef.objectNumber, doc.catalog.toString());
  }

  const hex = (s: string) => PDFHexString.fromText(s).toString();
  const zeros = `<${'0'.repeat(SIGNATURE_RESERVE * 2)}>`;
  const base = original[original.length - 1] === 0x0a ? original : Buffer.concat([original, Buffer.from('\n')]);
  const parts: Buffer[] = [base];
  let at = base.length;
  const entries: Array<[number, number]> = [];
  const obj = (n: number, body: string) => {
    entries.push([n, at]);
    const b = Buffer.from(`${n} 0 obj\n${body}\nendobj\n`, 'latin1');
    parts.push(b);
    at += b.length;
  };
  obj(sigNo, `<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached ${PLACEHOLDER_RANGE} /Contents ${zeros} /M (${pdfDate(sig.at)}) /Name ${hex(sig.name)} /Reason ${hex(sig.reason)} /Location ${hex(sig.location)} >>`);
  obj(widgetNo, `<< /Type /Annot /Subtype /Widget /FT /Sig /T (Chu ky so ${count + 1}) /V ${sigNo} 0 R /F 132 /Rect [0 0 0 0] /P ${page.ref.objectNumber} ${page.ref.generationNumber} R >>`);
  for (const [n, body] of rewritten) obj(n, body);
  const xrefAt = at;
  entries.sort((a, b) => a[0] - b[0]);
  let xref = 'xref\n0 1\n0000000000 65535 f \n';
  for (const [n, off] of entries) xref += `${n} 1\n${String(off).padStart(10, '0')} 00000 n \n`;
  const info = ctx.trailerInfo.Info instanceof PDFRef ? ctx.trailerInfo.Info : null;
  const idHex = /\/ID\s*\[\s*<([0-9A-Fa-f]+)>/.exec(head.slice(head.lastIndexOf('trailer')))?.[1] ?? '';
  const trailer = `trailer\n<< /Size ${next} /Root ${rootRef.objectNumber} 0 R${info ? ` /Info ${info.objectNumber} ${info.generationNumber} R` : ''}${idHex ? ` /ID [<${idHex}> <${idHex}>]` : ''} /Prev ${prev[1]} >>\nstartxref\n${xrefAt}\n%%EOF\n`;
  parts.push(Buffer.from(xref + trailer, 'latin1'));
  const bytes = Buffer.concat(parts);
  const text = bytes.toString('latin1');
  const brAt = text.indexOf(PLACEHOLDER_RANGE, base.length);
  const contentsOpen = text.indexOf(zeros, base.length);
  if (brAt < 0 || contentsOpen < 0) throw new Error('signature placeholder not found');
  const contentsAt = contentsOpen + 1;
  const contentsEnd = contentsOpen + zeros.length - 1;
  const range: [number, number, number, number] = [0, contentsAt - 1, contentsEnd + 1, bytes.length - contentsEnd - 1];
  bytes.write(`/ByteRange [0 ${range[1]} ${range[2]} ${range[3]}]`.padEnd(PLACEHOLDER_RANGE.length, ' '), brAt, 'latin1');
  return { bytes, byteRange: range, contentsAt, xrefAt, id: idHex, doc, rootRef, infoRef: info, size: next };
}
