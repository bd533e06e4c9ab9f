/**
 * Hỏi đáp: the FAQ administrators publish and the published (anonymised) answers to petitions — what the assistant
 * cites (#hd-… and #tl-… anchors). Plain text, paragraphs kept.
 */
import { useEffect } from 'react';
import { Link } from '../app/router';
import { useI18n } from '../i18n';
import { Loading, PageHeading } from '../ui/Page';
import { ProblemNotice } from '../ui/Problem';
import { useApi } from '../ui/useApi';
import type { FaqEntry, PublishedAnswer } from '../api/voice';

export function FaqPage() {
  const { t, pick, date } = useI18n();
  const faq = useApi<{ items: FaqEntry[] }>('/api/public/faq');
  const answers = useApi<{ items: PublishedAnswer[] }>('/api/public/petition-answers');
  // A citation opens the page at its entry: scroll to it once the lists are shown.
  const ready = !!faq.data && !!answers.data;
  useEffect(() => {
    if (!ready || !location.hash) return;
    document.getElementById(decodeURIComponent(location.hash.slice(1)))?.scrollIntoView();
  }, [ready]);
  return (
    <>
      <PageHeading>{t('faq.title')}</PageHeading>
      <p className="lead">{t('faq.lead')}</p>
      <p>
        <Link to="/tro-ly">{t('faq.askAssistant')}</Link> · <Link to="/phan-anh">{t('faq.sendPetition')}</Link>
      </p>
      <ProblemNotice error={faq.error ?? answers.error} />
      <h2>{t('faq.common')}</h2>
      {faq.loading ? <Loading /> : null}
      {faq.data && !faq.data.items.length ? <p>{t('faq.none')}</p> : null}
      {faq.data?.items.map((e) => (
        <section key={e.id} id={`hd-${e.id}`} className="faq-entry" aria-labelledby={`hd-${e.id}-q`} tabIndex={-1}>
          <h3 id={`hd-${e.id}-q`}>{pick(e.question)}</h3>
          <p className="pre-line">{pick(e.answer)}</p>
          {e.procedureKey ? (
            <p>
              <Link to={`/thu-tuc/${e.procedureKey}`}>{t('faq.procedure')}</Link>
            </p>
          ) : null}
        </section>
      ))}
      <h2>{t('faq.answers')}</h2>
      {answers.loading ? <Loading /> : null}
      {answers.data && !answers.data.items.length ? <p>{t('faq.noAnswers')}</p> : null}
      {answers.data?.items.map((a) => (
        <section key={a.id} id={`tl-${a.id}`} className="faq-entry" aria-labelledby={`tl-${a.id}-q`} tabIndex={-1}>
          <h3 id={`tl-${a.id}-q`}>{a.title}</h3>
          <p className="pre-line">{a.content}</p>
          <p className="pre-line">
            <strong>{t('faq.answerOf', { agency: a.agency, date: date(a.answeredAt) })}</strong> {a.answer}
          </p>
        </section>
      ))}
    </>
  );
}
