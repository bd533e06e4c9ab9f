/** The national forms a dossier has produced so far (Circular 03/2025, Annex I: 01 receipt … 06 control sheet), as PDF or HTML. */
import { FORMS, type FormNumber } from '@shared/dossier/forms';
import type { DossierDetail } from '../api/dossier';
import { useI18n } from '../i18n';

export function DossierDocuments({ detail, headingLevel = 2 }: { detail: DossierDetail; headingLevel?: 2 | 3 }) {
  const { t, pick } = useI18n();
  const produced = new Set<FormNumber>();
  for (const e of detail.timeline) for (const f of e.forms) if (f !== '07') produced.add(f as FormNumber);
  const forms = [...produced].sort();
  if (!forms.length) return null;
  const H = headingLevel === 2 ? 'h2' : 'h3';
  const url = (f: string, format: 'pdf' | 'html') => `/api/dossiers/${detail.id}/documents/${f}?format=${format}`;
  return (
    <section aria-labelledby="documents-title">
      <H id="documents-title">{t('documents.title')}</H>
      <ul>
        {forms.map((f) => (
          <li key={f}>
            {t('documents.form', { n: f, title: pick(FORMS[f].title) })}:{' '}
            <a href={url(f, 'pdf')}>
              PDF<span className="visually-hidden"> — {pick(FORMS[f].title)}</span>
            </a>
            {' · '}
            <a href={url(f, 'html')}>
              HTML<span className="visually-hidden"> — {pick(FORMS[f].title)}</span>
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}
