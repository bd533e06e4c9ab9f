import { ROLE_LABELS, type ActorRole } from '@shared/dossier/roles';
import type { TimelineEntry } from '../api/dossier';
import { useI18n } from '../i18n';

/** The dossier's history, oldest first; officers see names and comments, the public sees roles only. */
export function Timeline({ entries, full = false, level = 3 }: { entries: TimelineEntry[]; full?: boolean; level?: 3 | 4 }) {
  const H = level === 3 ? 'h3' : 'h4';
  const { t, pick, dateTime } = useI18n();
  if (!entries.length) return <p>{t('timeline.empty')}</p>;
  return (
    <ol className="timeline">
      {entries.map((e) => {
        const role = ROLE_LABELS[e.actorRole as ActorRole];
        return (
          <li key={e.seq}>
            <H>{pick(e.label)}</H>
            <time dateTime={e.at}>{dateTime(e.at)}</time>
            <div className="who">
              {role ? pick(role) : e.actorRole}
              {full && e.actorName ? ` · ${e.actorName}` : ''}
              {' · '}
              {t('timeline.state', { state: pick(e.toStateLabel) })}
              {e.handOff ? ` · ${t(e.handOff === 'late' ? 'handoff.late' : e.handOff === 'early' ? 'handoff.early' : 'handoff.onTime')}` : ''}
            </div>
            {full && e.comment ? <p>{e.comment}</p> : null}
          </li>
        );
      })}
    </ol>
  );
}
