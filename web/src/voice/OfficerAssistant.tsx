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
import { TextInput } from '../ui/Fields';
import { BackLink, PageHeading } from '../ui/Page';
import { ProblemNotice } from '../ui/Problem';
import { useChat } from './useChat';

export function OfficerAssistantPage() {
  const { t, pick } = useI18n();
  const dossierId = useQuery().get('ho-so') ?? undefined;
  const { turns, input, setInput, error, attempt, failure, busy, field, onSubmit } = useChat(
    (q) => api.get<OfficerAnswer>(withQuery('/api/officer/assistant', { q, ...(dossierId ? { dossierId } : {}) })),
    t('officerAssistant.empty'),
  );

  return (
    <div className="narrow">
      {dossierId ? <BackLink to={`/can-bo/ho-so/${dossierId}`}>{t('officerAssistant.back')}</BackLink> : null}
      <ErrorSummary errors={error ? [{ target: 'officer-assistant-question', message: error }] : []} version={attempt} />
      <PageHeading title={t('officerAssistant.title')}>{t('officerAssistant.title')}</PageHeading>
      <p>{dossierId ? t('officerAssistant.leadDossier') : t('officerAssistant.lead')}</p>
      <div className="chat" role="log" aria-live="polite" aria-label={t('assistant.log')}>
        {turns.map((turn, i) => (
          <div key={i} className="chat__turn">
            <p className="chat__question">
              <span className="visually-hidden">{t('assistant.you')}: </span>
              {turn.question}
            </p>
            {turn.answer ? (
              <div className="chat__answer">
                <p>{pick(turn.answer.text)}</p>
                {turn.answer.actions.length ? (
                  <ul className="actions-list">
                    {turn.answer.actions.map((a) => (
                      <li key={a.type}>
                        <Link to={a.link}>{pick(a.label)}</Link>
                      </li>
                    ))}
                  </ul>
                ) : null}
                {turn.answer.citations.length ? (
                  <>
                    <p className="secondary-text">{t('officerAssistant.sources')}</p>
                    <ul>
                      {turn.answer.citations.map((c) => (
                        <li key={c.href + c.title.vi}>
                          <Link to={c.href}>{pick(c.title)}</Link>
                        </li>
                      ))}
                    </ul>
                  </>
                ) : null}
              </div>
            ) : (
              <p className="chat__answer">{t('common.loading')}</p>
            )}
          </div>
        ))}
      </div>
      <ProblemNotice error={failure} />
      <form noValidate onSubmit={onSubmit} className="chat__form">
        <div ref={field}>
          <TextInput id="officer-assistant-question" label={t('assistant.question')} hint={t('officerAssistant.hint')} value={input} onChange={setInput} error={error} autoComplete="off" maxLength={500} />
        </div>
        <button type="submit" className="button" disabled={busy}>
          {t('assistant.ask')}
        </button>
      </form>
    </div>
  );
}
