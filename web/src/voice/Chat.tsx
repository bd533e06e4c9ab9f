/**
 * The conversation of an assistant page: the log of turns (announced politely to screen readers), the failure of
 * the last request and the question field; each page renders its own answers.
 */
import type { ReactNode } from 'react';
import { useI18n } from '../i18n';
import { TextInput } from '../ui/Fields';
import { ProblemNotice } from '../ui/Problem';
import type { useChat } from './useChat';

export function Chat<A>(p: { chat: ReturnType<typeof useChat<A>>; id: string; hint: string; renderAnswer: (answer: A, index: number) => ReactNode }) {
  const { t } = useI18n();
  const { turns, input, setInput, error, failure, busy, field, onSubmit } = p.chat;
  return (
    <>
      <div className="chat" role="log" aria-live="polite" aria-label={t('assistant.log')}>
        {turns.map((turn, i) => (
          <div key={i} className="chat__turn">
            <p className="chat__question">
              <span className="visually-hidden">{t('assistant.you')}: </span>
              {turn.question}
            </p>
            {turn.answer ? p.renderAnswer(turn.answer, i) : <p className="chat__answer">{t('common.loading')}</p>}
          </div>
        ))}
      </div>
      <ProblemNotice error={failure} />
      <form noValidate onSubmit={onSubmit} className="chat__form">
        <div ref={field}>
          <TextInput id={p.id} label={t('assistant.question')} hint={p.hint} value={input} onChange={setInput} error={error} autoComplete="off" maxLength={500} />
        </div>
        <button type="submit" className="button" disabled={busy}>
          {t('assistant.ask')}
        </button>
      </form>
    </>
  );
}
