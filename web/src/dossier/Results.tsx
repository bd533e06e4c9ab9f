/** The signed electronic results of a dossier (kết quả điện tử), each downloadable, with its verification code. */
import { useEffect, useState } from 'react';
import { resultApi, type ResultView } from '../api/result';
import { useI18n } from '../i18n';

export function DossierResults({ dossierId, refreshKey, headingLevel = 2 }: { dossierId: string; refreshKey?: unknown; headingLevel?: 2 | 3 }) {
  const { t, dateTime } = useI18n();
  const [items, setItems] = useState<ResultView[] | null>(null);
  useEffect(() => {
    let live = true;
    resultApi
      .ofDossier(dossierId)
      .then((r) => live && setItems(r.items))
      .catch(() => live && setItems([]));
    return () => {
      live = false;
    };
  }, [dossierId, refreshKey]);
  if (!items?.length) return null;
  const H = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <section aria-labelledby="results-title">
      <H id="results-title">{t('results.title')}</H>
      <ul>
        {items.map((r) => (
          <li key={r.id}>
            <a href={r.downloadUrl} download={r.fileName}>
              {t('results.download', { title: r.title })}
            </a>{' '}
            <span className="secondary-text">
              ({r.number ? t('results.number', { number: r.number }) : ''}
              {r.number ? ', ' : ''}
              {dateTime(r.issuedAt)}, {t(`results.status.${r.status}`)})
            </span>
            <br />
            <span className="secondary-text">
              {t('results.code')}: <code>{r.verificationCode}</code>
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
