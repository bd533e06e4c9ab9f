/** The dossier's actions as the transparency log holds them, each checked in the browser. */
import { ACTION_SPECS, type ActionType } from '@shared/dossier/actions';
import { useI18n } from '../i18n';
import { LogKeyNote, ProofBadge, useProofsAbout } from './proofs';

// Audit action names of dossier events (dossier.service EVENT_NAMES) → the action they record.
const EVENTS: Record<string, ActionType> = {
  submitted: 'submit',
  received: 'receive',
  reception_refused: 'refuse_reception',
  supplement_requested: 'request_supplement',
  supplement_resubmitted: 'resubmit_supplement',
  assigned: 'assign',
  processing_started: 'start_processing',
  consultation_requested: 'request_consultation',
  consultation_answered: 'answer_consultation',
  payment_requested: 'request_payment',
  payment_confirmed: 'confirm_payment',
  proposed: 'propose',
  approved: 'approve',
  rejected: 'reject',
  returned_to_specialist: 'return_to_specialist',
  result_issued: 'issue_result',
  result_returned: 'return_result',
  withdrawal_requested: 'request_withdrawal',
  stopped: 'stop',
  extended: 'extend',
  commented: 'comment',
};

export function DossierProofs({ id }: { id: string }) {
  const { t, pick, dateTime } = useI18n();
  const { items, keyInfo } = useProofsAbout('dossier', id, { targetId: id });
  const label = (action: string) => {
    const name = action.replace(/^dossier\./, '');
    const type = EVENTS[name];
    if (type && ACTION_SPECS[type]) return pick(ACTION_SPECS[type].label);
    if (name === 'draft_created') return t('tlog.action.draftCreated');
    if (name === 'draft_updated') return t('tlog.action.draftUpdated');
    if (name === 'attachment_added') return t('tlog.action.attachmentAdded');
    return action;
  };
  return (
    <section aria-labelledby="tlog-dossier-heading">
      <h2 id="tlog-dossier-heading">{t('tlog.dossierTitle')}</h2>
      {items === null ? <p>{t('tlog.checking')}</p> : null}
      {items && !items.length ? <p>{t('tlog.none')}</p> : null}
      {items?.length ? (
        <ul className="card-list" aria-label={t('tlog.dossierTitle')}>
          {items.map((i) => (
            <li className="card" key={i.entry}>
              <h3>
                {label(i.action)} — <time dateTime={i.at}>{dateTime(i.at)}</time>
              </h3>
              <ProofBadge state={i.state} name={`bang-chung-${i.entry.replace(':', '-')}`} />
            </li>
          ))}
        </ul>
      ) : null}
      <LogKeyNote keyInfo={keyInfo} />
    </section>
  );
}
