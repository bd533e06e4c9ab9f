import type { DossierView } from '../api/dossier';
import { Link } from '../app/router';
import { useI18n } from '../i18n';
import { DeadlineTag, StatusTag } from '../dossier/StatusTag';

/** Dossiers in a table (stacked on narrow screens), overdue and due-soon rows highlighted. */
export function DossierTable({ items, caption }: { items: DossierView[]; caption: string }) {
  const { t, pick, dateTime } = useI18n();
  return (
    <table className="responsive-table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('dossier.code')}</th>
          <th scope="col">{t('dossier.procedure')}</th>
          <th scope="col">{t('dossier.applicant')}</th>
          <th scope="col">{t('dossier.submittedAt')}</th>
          <th scope="col">{t('dossier.dueAt')}</th>
          <th scope="col">{t('dossier.status')}</th>
        </tr>
      </thead>
      <tbody>
        {items.map((d) => (
          <tr key={d.id} className={d.deadline === 'overdue' ? 'row--overdue' : d.deadline === 'due_soon' ? 'row--due-soon' : undefined}>
            <td data-label={t('dossier.code')}>
              <Link to={`/can-bo/ho-so/${d.id}`}>{d.code ?? t('dossier.noCodeYet')}</Link>
            </td>
            <td data-label={t('dossier.procedure')}>{pick(d.procedure.name)}</td>
            <td data-label={t('dossier.applicant')}>{d.subject.name}</td>
            <td data-label={t('dossier.submittedAt')}>{dateTime(d.submittedAt)}</td>
            <td data-label={t('dossier.dueAt')}>{dateTime(d.dueAt)}</td>
            <td data-label={t('dossier.status')}>
              <StatusTag state={d.state} label={d.stateLabel} /> <DeadlineTag deadline={d.deadline} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
