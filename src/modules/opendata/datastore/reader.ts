/**
 * Reading an uploaded CSV or XLSX file while it streams in: batches of records (the first is the header row), with
 * the byte cap enforced as bytes arrive and the encoding checked (UTF-8 only, a BOM is skipped). Never the whole
 * file in memory: the CSV parser keeps one unfinished record, exceljs's WorkbookReader one row at a time.
 */
import { Transform, type Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { CsvParser, CsvSyntaxError, type CsvRecord } from '../../../shared/text/csv';
import { datastoreErrors as E } from './datastore.errors';

export type RecordBatches = AsyncGenerator<CsvRecord[], void, void>;

export async function* csvRecords(input: AsyncIterable<Buffer | string>, capBytes: number): RecordBatches {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const parser = new CsvParser();
  let bytes = 0;
  let line = 1;
  try {
    for await (const chunk of input) {
      const buf = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      bytes += buf.length;
      if (bytes > capBytes) throw E.tooLarge(capBytes);
      let text: string;
      try {
        text = decoder.decode(buf, { stream: true });
      } catch {
        throw E.badEncoding(line);
      }
      const recs = parser.push(text);
      if (recs.length) {
        line = recs[recs.length - 1]!.line + 1;
        yield recs;
      }
    }
    let rest: string;
    try {
      rest = decoder.decode();
    } catch {
      throw E.badEncoding(line);
    }
    const tail = [...(rest ? parser.push(rest) : []), ...parser.end()];
    if (tail.length) yield tail;
  } catch (e) {
    if (e instanceof CsvSyntaxError) throw E.badCsv(e.line);
    throw e;
  }
}

function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v instanceof Date) {
    const iso = v.toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.slice(0, 19);
  }
  if (typeof v === 'object') {
    const o = v as { richText?: { text: string }[]; result?: unknown; text?: unknown; error?: unknown };
    if (o.richText) return o.richText.map((r) => r.text).join('');
    if ('result' in o) return cellText(o.result);
    if ('text' in o) return cellText(o.text);
    if ('error' in o) return '';
  }
  return String(v);
}

/** The first worksheet's rows; empty rows are skipped (a spreadsheet has no "ragged" trailing empties). */
export async function* xlsxRecords(input: Readable | NodeJS.ReadableStream, capBytes: number): RecordBatches {
  let bytes = 0;
  let over = false;
  const counter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      bytes += chunk.length;
      if (bytes > capBytes) {
        over = true;
        done(E.tooLarge(capBytes));
        return;
      }
      done(null, chunk);
    },
  });
  (input as Readable).on('error', (err) => counter.destroy(err));
  (input as Readable).pipe(counter);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(counter, { worksheets: 'emit', sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'cache', entries: 'ignore' });
  try {
    for await (const sheet of reader) {
      let batch: CsvRecord[] = [];
      for await (const row of sheet as AsyncIterable<ExcelJS.Row>) {
        const values = row.values as unknown[];
        const fields: string[] = [];
        for (let i = 1; i < values.length; i++) fields.push(cellText(values[i]));
        while (fields.length && fields[fields.length - 1] === '') fields.pop();
        if (fields.length === 0) continue;
        batch.push({ fields, line: row.number });
        if (batch.length >= 1000) {
          yield batch;
          batch = [];
        }
      }
      if (batch.length) yield batch;
      break; // the first worksheet only
    }
  } catch (e) {
    if (over) throw E.tooLarge(capBytes);
    if (e && typeof e === 'object' && 'code' in e && typeof (e as { code: unknown }).code === 'string' && (e as { code: string }).code.startsWith('datastore.')) throw e;
    throw E.badXlsx();
  } finally {
    if (!counter.destroyed) counter.destroy();
  }
}
