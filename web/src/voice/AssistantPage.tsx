/**
 * The virtual assistant (trợ lý ảo): a conversation log (announced politely to screen readers) and one question
 * field. Each answer names the procedure it comes from, lists what was asked (documents, fees, time, place), cites
 * its sources and offers the button that starts the procedure. Answers come from the catalogue, not a model.
 */
import { voiceApi, type AssistantAnswerView } from '../api/voice';
import { Link } from '../app/router';
import { useI18n } from '../i18n';
import { ErrorSummary } from '../ui/ErrorSummary';
import { PageHeading } from '../ui/Page';
import { useChat } from './useChat';
import { Chat } from './Chat';

export function AssistantPage() {
  const { t } = useI18n();
  const chat = useChat((q) => voiceApi.ask(q), t('assistant.empty'));
  const { error, attempt } = chat;

  return (
    <div className="narrow">
      <ErrorSummary errors={error ? [{ target: 'assistant-question', message: error }] : []} version={attempt} />
      <PageHeading title={t('assistant.title')}>{t('assistant.title')}</PageHeading>
      <p>{t('assistant.lead')}</p>
      <Chat chat={chat} id="assistant-question" hint={t('assistant.hint')} renderAnswer={(a, n) => <Answer a={a} n={n} />} />
      <p className="secondary-text">{t('assistant.noModel')}</p>
      <p>
        {t('assistant.notFound')} <Link to="/phan-anh">{t('petition.title')}</Link>
      </p>
    </div>
  );
}

/** The other procedures the question may have meant ("Có thể bạn cần"). */
function Alternatives({ a }: { a: AssistantAnswerView }) {
  const { t, pick } = useI18n();
  if (!a.alternatives.length) return null;
  return (
    <>
      <p>{t('assistant.maybe')}</p>
      <ul>
        {a.alternatives.map((x) => (
          <li key={x.key}>
            <Link to={x.link}>{pick(x.name)}</Link>
          </li>
        ))}
      </ul>
    </>
  );
}

function Answer({ a, n }: { a: AssistantAnswerView; n: number }) {
  const { t, pick } = useI18n();
  const p = a.procedure;
  if (a.kind !== 'procedure' || !p)
    return (
      <div className={a.kind === 'passage' ? 'chat__answer chat__answer--passage' : 'chat__answer'}>
        <span className="visually-hidden">{t('assistant.bot')}: </span>
        <p>{pick(a.text)}</p>
        {a.citations.map((c) => (
          <p key={c.href}>
            <Link to={c.href}>{pick(c.title)}</Link>
          </p>
        ))}
        <Alternatives a={a} />
      </div>
    );
  const sections = {
    documents: (
      <section key="documents" aria-labelledby={`a${n}-docs`}>
        <h3 id={`a${n}-docs`}>{t('assistant.documents')}</h3>
        <ul>
          {p.documents.map((d, i) => (
            <li key={i}>
              {pick(d.name)}
              {d.condition ? ` (${pick(d.condition)})` : d.mandatory ? '' : ` (${t('assistant.ifAny')})`}
            </li>
          ))}
        </ul>
      </section>
    ),
    fees: (
      <section key="fees" aria-labelledby={`a${n}-fees`}>
        <h3 id={`a${n}-fees`}>{t('assistant.fees')}</h3>
        <ul>
          {p.fees.length ? p.fees.map((f, i) => <li key={i}>{`${pick(f.name)}: ${pick(f.amount)}`}</li>) : <li>{t('assistant.noFee')}</li>}
        </ul>
      </section>
    ),
    time: (
      <section key="time" aria-labelledby={`a${n}-time`}>
        <h3 id={`a${n}-time`}>{t('assistant.time')}</h3>
        <p>{pick(p.time)}</p>
      </section>
    ),
    where: (
      <section key="where" aria-labelledby={`a${n}-where`}>
        <h3 id={`a${n}-where`}>{t('assistant.where')}</h3>
        <ul>
          {p.where.map((w, i) => (
            <li key={i}>{pick(w)}</li>
          ))}
        </ul>
      </section>
    ),
  };
  const order = a.focus === 'overview' || a.focus === 'documents' ? (['documents', 'time', 'fees', 'where'] as const) : ([a.focus, ...(['documents', 'time', 'fees', 'where'] as const).filter((x) => x !== a.focus)] as const);
  return (
    <div className="chat__answer">
      <span className="visually-hidden">{t('assistant.bot')}: </span>
      <h2 className="chat__title">
        <Link to={p.link}>{pick(p.name)}</Link>
      </h2>
      {order.map((k) => sections[k])}
      <p>
        <Link to={p.startLink} className="button button--start">
          {t('assistant.start')}
        </Link>
      </p>
      <p className="secondary-text">
        {t('assistant.sources')}{' '}
        {a.citations.map((c, i) => (
          <span key={c.href}>
            {i ? '; ' : ''}
            <Link to={c.href}>{pick(c.title)}</Link>
          </span>
        ))}
      </p>
      <Alternatives a={a} />
    </div>
  );
}
