import { ROLE_LABELS, type ActorRole } from '@shared/dossier/roles';
import type { PublicTimelineEntry, TimelineEntry } from '../api/dossier';
import { useI18n } from '../i18n';

/** The dossier's history, oldest first; officers see names and comments, the public sees roles only. */
export function Timeline({ entries, full = false, level = 3 }: { entries: (TimelineEntry | PublicTimelineEntry)[]; full?: boolean; level?: 3 | 4 }) {
  const H = level === 3 ? 'h3' : 'h4';
  const { t, pick, dateTime } = useI18n();
  if (!entries.length) return <p>{t('timeline.empty')}</p>;
  return (
    <ol className="timeline">
      {entries.map((e) => {
        const role = ROLE_LABELS[e.actorRole as ActorRole];
        const named = 'actorName' in e ? e : null;
        return (
          <li key={e.seq}>
            <H>{pick(e.label)}</H>
            <time dateTime={e.at}>{dateTime(e.at)}</time>
            <div className="who">
              {role ? pick(role) : e.actorRole}
              {full && named?.actorName ? ` · ${named.actorName}` : ''}
              {' · '}
              {t('timeline.state', { state: pick(e.toStateLabel) })}
              {e.handOff ? ` · ${t(e.handOff === 'late' ? 'handoff.late' : e.handOff === 'early' ? 'handoff.early' : 'handoff.onTime')}` : ''}
            </div>
            {full && named?.comment ? <p>{named.comment}</p> : null}
          </li>
        );
      })}
    </ol>
  );
}
