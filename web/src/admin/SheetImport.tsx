/** Bulk entry from the spreadsheet template: download it, upload it filled in, read the line-by-line report. */
import { useState } from 'react';
import type { SheetReport } from '@shared/api/catalog-builder';
import { upload } from '../api/client';
import { Link } from '../app/router';
import { useI18n } from '../i18n';
import { ProblemNotice } from '../ui/Problem';

export function SheetImport() {
  const { t, lang } = useI18n();
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<SheetReport | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const send = async () => {
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      setReport(await upload<SheetReport>('/api/admin/procedures/import-sheet', file, { formField: 'file' }));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section aria-labelledby="sheet-h">
      <h2 id="sheet-h">{t('pb.sheetTitle')}</h2>
      <p>
        <a href="/api/admin/procedures/sheet-template" download>
          {t('pb.sheetTemplate')}
        </a>
      </p>
      <div className="form-group">
        <label htmlFor="sheet-file">{t('pb.sheetFile')}</label>
        <input id="sheet-file" type="file" accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
      </div>
      <button type="button" className="button button--secondary" disabled={busy || !file} onClick={() => void send()}>
        {t('pb.sheetImport')}
      </button>
      <ProblemNotice error={error} />
      {report ? (
        <div role="status">
          <p>{t('pb.sheetResult', { imported: report.imported, rejected: report.rejected })}</p>
          {report.problems.length ? (
            <table className="responsive-table">
              <caption>{t('pb.sheetProblems')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('pb.sheetCell')}</th>
                  <th scope="col">{t('pb.key')}</th>
                  <th scope="col">{t('pb.sheetReason')}</th>
                </tr>
              </thead>
              <tbody>
                {report.problems.map((p, i) => (
                  <tr key={i}>
                    <td data-label={t('pb.sheetCell')}>
                      {p.sheet}!{p.cell}
                    </td>
                    <td data-label={t('pb.key')}>{p.key}</td>
                    <td data-label={t('pb.sheetReason')}>{p.reason[lang]}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
          <ul>
            {report.procedures.map((p) => (
              <li key={p.versionId}>
                <Link to={`/quan-tri/phien-ban/${p.versionId}`}>{p.key}</Link>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
}
