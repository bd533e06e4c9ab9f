import type { LocalizedText } from '../api/client';
import type { State } from '../api/dossier';
import { useI18n } from '../i18n';

const COLOUR: Partial<Record<State, string>> = {
  draft: 'tag--grey',
  supplement_requested: 'tag--yellow',
  payment_requested: 'tag--yellow',
  withdrawal_requested: 'tag--yellow',
  result_issued: 'tag--green',
  returned: 'tag--green',
  approved: 'tag--green',
  refused: 'tag--red',
  rejected: 'tag--red',
  stopped: 'tag--grey',
  withdrawn: 'tag--grey',
};

export function StatusTag({ state, label }: { state: State; label: LocalizedText }) {
  const { pick } = useI18n();
  return <strong className={`tag ${COLOUR[state] ?? ''}`}>{pick(label)}</strong>;
}

export function DeadlineTag({ deadline }: { deadline: 'ok' | 'due_soon' | 'overdue' | null }) {
  const { t } = useI18n();
  if (deadline === 'overdue') return <strong className="tag tag--red">{t('deadline.overdue')}</strong>;
  if (deadline === 'due_soon') return <strong className="tag tag--yellow">{t('deadline.dueSoon')}</strong>;
  return null;
}
