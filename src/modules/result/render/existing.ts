/**
 * Signing a PDF that the result module did not write (forms 01–05 from the dossier module, a certified copy built
 * from a scan): pdf-lib reads it and writes it again with a classic xref table, a signature field on its first page
 * and a signature dictionary whose /Contents placeholder and /ByteRange the signer fills; then the /DSS goes in an
 * incremental update, as for the results (PAdES B-LT).
 */
import { randomBytes } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFNumber, PDFRef, PDFString } from 'pdf-lib';
import { pdfDate, SIGNATURE_RESERVE, type PreparedPdf, type SignatureInfo } from './pdf';

/** A prepared file whose catalog the /DSS update rewrites. */
export interface PreparedExisting extends PreparedPdf {
  doc: PDFDocument;
  rootRef: PDFRef;
  infoRef: PDFRef | null;
  size: number;
}

export class UnreadablePdf extends Error {}

const PLACEHOLDER = '**********';
const BYTE_RANGE_RE = /\/ByteRange\s*\[\s*0\s+\/\*{10}\s+\/\*{10}\s+\/\*{10}\s*\]/;

/** Loads a PDF (refused: unreadable or encrypted). */
export async function loadPdf(bytes: Uint8Array): Promise<PDFDocument> {
  try {
    return await PDFDocument.load(bytes, { updateMetadata: false });
  } catch (err) {
    throw new UnreadablePdf((err as Error).message);
  }
}

/** Writes the document with a signature field and a zero-filled /Contents, the final /ByteRange written in. */
export async function prepareExisting(doc: PDFDocument, sig: SignatureInfo, fieldName = 'Chu ky so 1'): Promise<PreparedExisting> {
  const ctx = doc.context;
  const page = doc.getPages()[0];
  if (!page) throw new UnreadablePdf('no page');
  const byteRange = PDFArray.withContext(ctx);
  byteRange.push(PDFNumber.of(0));
  for (let i = 0; i < 3; i++) byteRange.push(PDFName.of(PLACEHOLDER));
  const sigRef = ctx.register(
    ctx.obj({
      Type: 'Sig',
      Filter: 'Adobe.PPKLite',
      SubFilter: 'ETSI.CAdES.detached',
      ByteRange: byteRange,
      Contents: PDFHexString.of('0'.repeat(SIGNATURE_RESERVE * 2)),
      M: PDFString.of(pdfDate(sig.at)),
      Name: PDFHexString.fromText(sig.name),
      Reason: PDFHexString.fromText(sig.reason),
      Location: PDFHexString.fromText(sig.location),
    }),
  );
  const widgetRef = ctx.register(ctx.obj({ Type: 'Annot', Subtype: 'Widget', FT: 'Sig', T: PDFString.of(fieldName), V: sigRef, F: 132, Rect: [0, 0, 0, 0], P: page.ref }));
  const annots = page.node.lookup(PDFName.of('Annots'));
  if (annots instanceof PDFArray) annots.push(widgetRef);
  else page.node.set(PDFName.of('Annots'), ctx.obj([widgetRef]));
  const acro = doc.catalog.lookup(PDFName.of('AcroForm'));
  if (acro instanceof PDFDict) {
    const fields = acro.lookup(PDFName.of('Fields'));
    if (fields instanceof PDFArray) fields.push(widgetRef);
    else acro.set(PDFName.of('Fields'), ctx.obj([widgetRef]));
    acro.set(PDFName.of('SigFlags'), PDFNumber.of(3));
  } else {
    doc.catalog.set(PDFName.of('AcroForm'), ctx.obj({ Fields: [widgetRef], SigFlags: 3 }));
  }
  if (!ctx.trailerInfo.ID) {
    const id = randomBytes(16).toString('hex');
    ctx.trailerInfo.ID = ctx.obj([PDFHexString.of(id), PDFHexString.of(id)]);
  }
  const saved = Buffer.from(await doc.save({ useObjectStreams: false, addDefaultPage: false, updateFieldAppearances: false }));
  // pdf-lib ends the file at "%%EOF": the end-of-line goes in before the signed range ends (the update follows it).
  const bytes = saved[saved.length - 1] === 0x0a ? saved : Buffer.concat([saved, Buffer.from('\n')]);
  const text = bytes.toString('latin1');
  const br = BYTE_RANGE_RE.exec(text);
  const zeros = `<${'0'.repeat(SIGNATURE_RESERVE * 2)}>`;
  const contentsOpen = text.indexOf(zeros);
  if (!br || contentsOpen < 0) throw new Error('signature placeholder not found');
  const contentsAt = contentsOpen + 1;
  const contentsEnd = contentsOpen + zeros.length - 1;
  const range: [number, number, number, number] = [0, contentsAt - 1, contentsEnd + 1, bytes.length - contentsEnd - 1];
  bytes.write(`/ByteRange [0 ${range[1]} ${range[2]} ${range[3]}]`.padEnd(br[0].length, ' '), br.index, 'latin1');
  const xref = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(text);
  if (!xref) throw new Error('no startxref');
  const idHex = /\/ID\s*\[\s*<([0-9A-Fa-f]+)>/.exec(text.slice(text.lastIndexOf('trailer')))?.[1] ?? '';
  const info = ctx.trailerInfo.Info;
  return { bytes, byteRange: range, contentsAt, xrefAt: Number(xref[1]), id: idHex, doc, rootRef: ctx.trailerInfo.Root as PDFRef, infoRef: info instanceof PDFRef ? info : null, size: ctx.largestObjectNumber + 1 };
}

/** Appends the incremental update with the /DSS (certificates and CRLs) to a signed prepared file. */
export function appendDssExisting(p: PreparedExisting, data: { certs: Uint8Array[]; crls: Uint8Array[] }): Buffer {
  const parts: Buffer[] = [p.bytes];
  let at = p.bytes.length;
  const entries: Array<[number, number]> = [];
  const obj = (n: number, body: Buffer) => {
    entries.push([n, at]);
    const b = Buffer.concat([Buffer.from(`${n} 0 obj\n`, 'latin1'), body, Buffer.from('\nendobj\n', 'latin1')]);
    parts.push(b);
    at += b.length;
  };
  const stream = (d: Uint8Array) => {
    const z = deflateSync(d);
    return Buffer.concat([Buffer.from(`<< /Filter /FlateDecode /Length ${z.length} >>\nstream\n`, 'latin1'), z, Buffer.from('\nendstream', 'latin1')]);
  };
  let next = p.size;
  const dssNo = next++;
  const certNos = data.certs.map(() => next++);
  const crlNos = data.crls.map(() => next++);
  const catalog = p.doc.catalog;
  catalog.set(PDFName.of('DSS'), PDFRef.of(dssNo));
  catalog.set(PDFName.of('Extensions'), p.doc.context.obj({ ESIC: { BaseVersion: PDFName.of('1.7'), ExtensionLevel: 5 } }));
  obj(p.rootRef.objectNumber, Buffer.from(catalog.toString(), 'latin1'));
  obj(dssNo, Buffer.from(`<< /Type /DSS /Certs [${certNos.map((n) => `${n} 0 R`).join(' ')}]${crlNos.length ? ` /CRLs [${crlNos.map((n) => `${n} 0 R`).join(' ')}]` : ''} >>`, 'latin1'));
  data.certs.forEach((c, i) => obj(certNos[i], stream(c)));
  data.crls.forEach((c, i) => obj(crlNos[i], stream(c)));
  const xrefAt = at;
  entries.sort((a, b) => a[0] - b[0]);
  let xref = 'xref\n0 1\n0000000000 65535 f \n';
  for (const [n, off] of entries) xref += `${n} 1\n${String(off).padStart(10, '0')} 00000 n \n`;
  const info = p.infoRef ? ` /Info ${p.infoRef.objectNumber} ${p.infoRef.generationNumber} R` : '';
  const id = p.id ? ` /ID [<${p.id}> <${p.id}>]` : '';
  parts.push(Buffer.from(`${xref}trailer\n<< /Size ${next} /Root ${p.rootRef.objectNumber} 0 R${info}${id} /Prev ${p.xrefAt} >>\nstartxref\n${xrefAt}\n%%EOF\n`, 'latin1'));
  return Buffer.concat(parts);
}
