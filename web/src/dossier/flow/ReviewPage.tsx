/** "Check your answers" before submitting, then submit: the code is assigned by the server. */
import { useState } from 'react';
import { ApiError, isSessionEnded } from '../../api/client';
import { dossierApi, newIdempotencyKey } from '../../api/dossier';
import { Link, navigate } from '../../app/router';
import { useI18n } from '../../i18n';
import { ErrorSummary, type SummaryError } from '../../ui/ErrorSummary';
import { BackLink, Loading, PageHeading } from '../../ui/Page';
import { ProblemNotice } from '../../ui/Problem';
import { SessionExpiredSummary } from '../../ui/SessionExpired';
import { checkForm, inputIdOf, topFieldOf, visibleSections } from '../../eform/model';
import { AnswersSummary } from '../AnswersSummary';
import { lockedFields } from '../../eform/prefill';
import { useSession } from '../../app/session';
import { feeTotal } from '@shared/catalog/fee-total';
import type { Fee } from '../../api/types';
import { docInputId } from './Attachments';
import { uploadableDocuments, useDossierWithVersion } from './useDraft';
import { missingDocuments } from '@shared/catalog/document-rules';

/** The version's fees for these answers, one line each, and their total (shared fee rules). */
function FeeList({ fees, data, online }: { fees: Fee[]; data: Record<string, unknown>; online: boolean }) {
  const { t, pick, money } = useI18n();
  const total = feeTotal(fees, data, { online });
  return (
    <section aria-labelledby="review-fees">
      <h2 id="review-fees">{t('review.feesTitle')}</h2>
      <dl className="summary-list" data-testid="fee-list">
        {total.lines.map((l, i) => (
          <div className="summary-list__row" key={i}>
            <dt>{pick(l.fee.name)}</dt>
            <dd>
              {l.fee.type === 'exempt'
                ? t('fee.free')
                : l.amountVnd === null
                  ? t('review.feeByAgency')
                  : l.units !== undefined && l.units > 0 && l.amountVnd > 0
                    ? `${t('review.feeUnits', { units: l.units, amount: money(l.amountVnd / l.units) })} = ${money(l.amountVnd)}`
                    : money(l.amountVnd)}
            </dd>
          </div>
        ))}
        <div className="summary-list__row">
          <dt>
            <strong>{total.complete ? t('review.feeTotal') : t('review.feeTotalAtLeast')}</strong>
          </dt>
          <dd>
            <strong data-testid="fee-total">{money(total.totalVnd)}</strong>
          </dd>
        </div>
      </dl>
      <p className="secondary-text">{t('review.feeNote')}</p>
    </section>
  );
}

export function ReviewPage({ id, base, after }: { id: string; base: string; after: (id: string) => string }) {
  const i18n = useI18n();
  const { t, pick, lang } = i18n;
  const { detail, version, error, loading } = useDossierWithVersion(id);
  const { session } = useSession();
  const [errors, setErrors] = useState<SummaryError[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [failure, setFailure] = useState<unknown>(null);
  const [expired, setExpired] = useState(false);
  const [busy, setBusy] = useState(false);
  const [key] = useState(newIdempotencyKey);
  if (loading) return <Loading />;
  if (error || !detail || !version) {
    return (
      <>
        <PageHeading>{t('dossier.cannotOpen')}</PageHeading>
        <ProblemNotice error={error} />
      </>
    );
  }
  const def = version.eform;
  const data = detail.data;
  const sections = visibleSections(def, data);
  const docs = uploadableDocuments(version.documents, def, data);
  const sectionOf = (field: string) => def.ui.sections.find((s) => s.fields.includes(topFieldOf(field)));
  const fieldLink = (field: string) => {
    const s = sectionOf(field);
    return s ? `${base}/khai/${s.id}?tu=kiem-tra#${inputIdOf(field)}` : `${base}/khai`;
  };

  const submit = async () => {
    setFailure(null);
    const clientErrors = checkForm(def, data);
    const missingDocs = missingDocuments(version.documents, def, data ?? {}, detail.attachments.map((a) => a.documentId));
    if (clientErrors.length || missingDocs.length) {
      setErrors([
        ...clientErrors.map((e) => ({ target: null, message: e.message[lang], href: fieldLink(e.field) })),
        ...missingDocs.map((d) => ({ target: null, message: t('upload.missing', { doc: pick(d.name) }), href: `${base}/dinh-kem#${docInputId(d.id)}` })),
      ] as SummaryError[]);
      setAttempt((n) => n + 1);
      return;
    }
    setBusy(true);
    try {
      await dossierApi.submit(id, key);
      navigate(after(id));
    } catch (e) {
      if (isSessionEnded(e)) setExpired(true);
      else if (e instanceof ApiError && e.fieldErrors.length) {
        setErrors(e.fieldErrors.map((f) => ({ target: null, message: f.message[lang], href: f.field.startsWith('documents.') ? `${base}/dinh-kem` : fieldLink(f.field) })) as SummaryError[]);
        setAttempt((n) => n + 1);
      } else setFailure(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="narrow">
      <BackLink to={docs.length ? `${base}/dinh-kem` : `${base}/khai/${sections[sections.length - 1]?.id ?? ''}`} />
      {expired ? <SessionExpiredSummary returnTo={`${base}/kiem-tra`} kept={false} /> : null}
      <ErrorSummary errors={errors} version={attempt} />
      <ProblemNotice error={failure} />
      <PageHeading title={t('review.title')} caption={pick(detail.procedure.name)}>
        {t('review.title')}
      </PageHeading>
      <AnswersSummary def={def} data={data} changeLink={fieldLink} locked={lockedFields(def, detail.prefilled, session, data)} />
      {docs.length ? (
        <section aria-labelledby="review-docs">
          <h2 id="review-docs">{t('upload.title')}</h2>
          <dl className="summary-list">
            {docs.map((d) => {
              const files = detail.attachments.filter((a) => a.documentId === d.id);
              return (
                <div className="summary-list__row" key={d.id}>
                  <dt>{pick(d.name)}</dt>
                  <dd>{files.length ? files.map((a) => a.fileName).join(', ') : <span className="secondary-text">{t('review.noFile')}</span>}</dd>
                  <dd className="summary-list__actions">
                    <Link to={`${base}/dinh-kem#${docInputId(d.id)}`}>
                      {t('review.change')}
                      <span className="visually-hidden"> {pick(d.name)}</span>
                    </Link>
                  </dd>
                </div>
              );
            })}
          </dl>
        </section>
      ) : null}
      <FeeList fees={version.fees} data={data} online={detail.channel === 'online'} />
      <h2>{t('review.submitTitle')}</h2>
      <p>{t('review.submitText')}</p>
      <div className="button-group">
        <button type="button" className="button" disabled={busy} onClick={() => void submit()}>
          {t('review.submit')}
        </button>
      </div>
    </div>
  );
}
