import type { ProcedureDetail, Taxonomy } from '../api/types';
import { Link } from '../app/router';
import { useSession } from '../app/session';
import { useI18n } from '../i18n';
import { Breadcrumbs, Loading, PageHeading } from '../ui/Page';
import { ProblemNotice } from '../ui/Problem';
import { useApi } from '../ui/useApi';
import type { ProcedureVoice } from '@shared/api/voice';
import { OnlineTag } from './ProcedureCard';
import { documentFormText, feeAmountText, processingTimeText } from './procedureText';
import { SummaryRow } from '../ui/SummaryRow';

/** A procedure (thủ tục hành chính): what to bring, how long, how much, where, on what legal basis; start online. */
export function ProcedurePage({ procedureRef }: { procedureRef: string }) {
  const i18n = useI18n();
  const { t, pick } = i18n;
  const { session } = useSession();
  const { data, error, loading } = useApi<ProcedureDetail>(`/api/procedures/${encodeURIComponent(procedureRef)}`);
  const tax = useApi<Taxonomy>('/api/catalog/taxonomy');
  const voice = useApi<ProcedureVoice>(`/api/public/procedures/${encodeURIComponent(procedureRef)}/voice`);
  if (loading) return <Loading />;
  if (error || !data) {
    return (
      <>
        <PageHeading>{t('procedure.notFound')}</PageHeading>
        <ProblemNotice error={error} />
        <p>
          <Link to="/">{t('nav.home')}</Link>
        </p>
      </>
    );
  }
  const v = data.current;
  const field = tax.data?.fields.find((f) => f.key === v.field);
  const online = v.submission.channels.includes('online');
  const needsLevel2 = v.eIdLevel === 2 && session?.kind === 'citizen' && session.assuranceLevel === 1;
  return (
    <>
      <Breadcrumbs
        items={[
          { to: '/', label: t('nav.home') },
          ...(field ? [{ to: `/linh-vuc/${field.key}`, label: pick(field) }] : []),
          { label: pick(v.name) },
        ]}
      />
      <PageHeading title={pick(v.name)} caption={data.nationalCode ? t('procedure.code', { code: data.nationalCode }) : undefined}>
        {pick(v.name)}
      </PageHeading>

      <dl className="summary-list">
        <SummaryRow label={t('procedure.onlineLevel')}>
          {online ? <OnlineTag level={v.onlineLevel} /> : <span className="tag tag--grey">{t('procedure.inPersonOnly')}</span>}
        </SummaryRow>
        <SummaryRow label={t('procedure.time')}>
          {processingTimeText(v.processingTime, i18n)}
          {v.cutoffTime ? `. ${t('procedure.cutoff', { time: v.cutoffTime })}` : ''}
        </SummaryRow>
        <SummaryRow label={t('procedure.fees')}>{v.fees.length === 0 || v.fees.every((f) => f.type === 'exempt') ? t('fee.free') : t('procedure.feesSee')}</SummaryRow>
        <SummaryRow label={t('procedure.authority')}>{pick(v.decidingAuthority)}</SummaryRow>
        <SummaryRow label={t('procedure.eidLevel')}>{t('procedure.eidLevelValue', { n: v.eIdLevel })}</SummaryRow>
        {voice.data ? (
          <SummaryRow label={t('procedure.satisfaction')}>
            {voice.data.ratingCount && voice.data.ratingAverage !== null ? t('procedure.rating', { avg: voice.data.ratingAverage.toLocaleString(i18n.lang === 'vi' ? 'vi-VN' : 'en-GB'), n: voice.data.ratingCount }) : t('procedure.noRating')}
            {' · '}
            {t('procedure.answeredPetitions', { n: voice.data.answeredPetitions })}
          </SummaryRow>
        ) : null}
      </dl>

      {online ? (
        <>
          {needsLevel2 ? <div className="notice notice--warning">{t('procedure.needsLevel2')}</div> : null}
          <p>
            <Link to={`/thu-tuc/${data.key}/nop`} className="button button--start">
              {t('procedure.startOnline')}
            </Link>
          </p>
          {!session ? <p className="secondary-text">{t('procedure.signInNote')}</p> : null}
        </>
      ) : (
        <div className="notice" id="nop-truc-tiep">
          <p>
            <strong>{t('procedure.inPersonOnly')}.</strong> {t('procedure.notOnline')}
          </p>
          <ul>
            {v.submission.places.map((p, i) => (
              <li key={i}>{pick(p)}</li>
            ))}
          </ul>
        </div>
      )}

      <h2>{t('procedure.documents')}</h2>
      <ul>
        {v.documents.map((d) => (
          <li key={d.id}>
            <strong>{pick(d.name)}</strong> — {documentFormText(d.form, i18n)}
            {d.copies > 1 ? `, ${t('doc.copies', { n: d.copies })}` : ''}
            {d.requirement === 'conditional' && d.condition ? ` (${pick(d.condition)})` : ''}
            {d.replacedByEForm ? <span className="secondary-text"> · {t('doc.replacedByEForm')}</span> : null}
            {d.fromDataStore || d.fromRegistry ? <span className="secondary-text"> · {t('doc.noNeedIfHeld')}</span> : null}
          </li>
        ))}
      </ul>

      <h2>{t('procedure.fees')}</h2>
      {v.fees.length === 0 ? (
        <p>{t('fee.free')}</p>
      ) : (
        <ul>
          {v.fees.map((f, i) => (
            <li key={i}>
              <strong>{pick(f.name)}</strong>: {feeAmountText(f, i18n)}
              {f.note ? <span className="secondary-text"> — {pick(f.note)}</span> : null}
              {f.exemptions?.length ? (
                <span className="secondary-text">
                  {' '}
                  · {t('fee.exemptions')}: {f.exemptions.map((e) => pick(e)).join('; ')}
                </span>
              ) : null}
            </li>
          ))}
        </ul>
      )}

      <h2>{t('procedure.where')}</h2>
      <ul>
        {v.submission.places.map((p, i) => (
          <li key={i}>{pick(p)}</li>
        ))}
      </ul>
      <p>
        {t('procedure.channels')}: {v.submission.channels.map((c) => t(c === 'online' ? 'channel.online' : c === 'postal' ? 'channel.post' : 'channel.inPerson')).join(', ')}
      </p>

      {v.requirements.length ? (
        <>
          <h2>{t('procedure.requirements')}</h2>
          <ul>
            {v.requirements.map((r, i) => (
              <li key={i}>{pick(r)}</li>
            ))}
          </ul>
        </>
      ) : null}

      <h2>{t('procedure.steps')}</h2>
      <ol>
        {v.steps.map((s, i) => (
          <li key={i}>{pick(s)}</li>
        ))}
      </ol>

      <h2>{t('procedure.result')}</h2>
      <p>
        {pick(v.result.name)}
        {v.result.electronic ? ` · ${t('procedure.resultElectronic')}` : ''}
      </p>

      <h2 id="can-cu">{t('procedure.legal')}</h2>
      <ul>
        {v.legalBases.map((l, i) => (
          <li key={i}>{l}</li>
        ))}
      </ul>
    </>
  );
}
