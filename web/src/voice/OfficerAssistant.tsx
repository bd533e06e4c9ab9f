/**
 * The officers' assistant (trợ lý ảo cho cán bộ): ask which procedure and legal basis applies, what a form field
 * means, or — opened from a dossier (`?ho-so=<id>`) — what the workflow allows now. Each answer lists its sources
 * and, for a dossier, links to the pages of the actions the state machine allows.
 */
import type { OfficerAnswer } from '@shared/api/voice';
import { api, withQuery } from '../api/client';
import { Link, useQuery } from '../app/router';
import { useI18n } from '../i18n';
import { ErrorSummary } from '../ui/ErrorSummary';
import { BackLink, PageHeading } from '../ui/Page';
import { useChat } from './useChat';
import { Chat } from './Chat';

export function OfficerAssistantPage() {
  const { t, pick } = useI18n();
  const dossierId = useQuery().get('ho-so') ?? undefined;
  const chat = useChat(
    (q) => api.get<OfficerAnswer>(withQuery('/api/officer/assistant', { q, ...(dossierId ? { dossierId } : {}) })),
    t('officerAssistant.empty'),
  );
  const { error, attempt } = chat;

  return (
    <div className="narrow">
      {dossierId ? <BackLink to={`/can-bo/ho-so/${dossierId}`}>{t('officerAssistant.back')}</BackLink> : null}
      <ErrorSummary errors={error ? [{ target: 'officer-assistant-question', message: error }] : []} version={attempt} />
      <PageHeading title={t('officerAssistant.title')}>{t('officerAssistant.title')}</PageHeading>
      <p>{dossierId ? t('officerAssistant.leadDossier') : t('officerAssistant.lead')}</p>
      <Chat
        chat={chat}
        id="officer-assistant-question"
        hint={t('officerAssistant.hint')}
        renderAnswer={(a) => (
          <div className="chat__answer">
            <p>{pick(a.text)}</p>
            {a.actions.length ? (
              <ul className="actions-list">
                {a.actions.map((x) => (
                  <li key={x.type}>
                    <Link to={x.link}>{pick(x.label)}</Link>
                  </li>
                ))}
              </ul>
            ) : null}
            {a.citations.length ? (
              <>
                <p className="secondary-text">{t('officerAssistant.sources')}</p>
                <ul>
                  {a.citations.map((c) => (
                    <li key={c.href + c.title.vi}>
                      <Link to={c.href}>{pick(c.title)}</Link>
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
          </div>
        )}
      />
    </div>
  );
}
