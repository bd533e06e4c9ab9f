/** Rating a finished dossier (đánh giá mức độ hài lòng): once, by its applicant; changeable for a few days. */
import { useEffect, useState, type FormEvent } from 'react';
import { RATING_REASONS, RATING_REASON_LABELS, type RatingReason } from '@shared/voice/rating';
import { voiceApi, type MyRating } from '../api/voice';
import { newIdempotencyKey } from '../api/dossier';
import { Link } from '../app/router';
import { useI18n } from '../i18n';
import { ErrorSummary } from '../ui/ErrorSummary';
import { Checkbox, Radios, TextArea } from '../ui/Fields';
import { BackLink, Loading, PageHeading } from '../ui/Page';
import { ProblemNotice } from '../ui/Problem';

export function RatePage({ id }: { id: string }) {
  const { t, pick, dateTime } = useI18n();
  const [state, setState] = useState<MyRating | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [score, setScore] = useState('');
  const [reasons, setReasons] = useState<RatingReason[]>([]);
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  const [key, setKey] = useState(newIdempotencyKey);

  useEffect(() => {
    voiceApi
      .myRating(id)
      .then((r) => {
        setState(r);
        if (r.rating) {
          setScore(String(r.rating.score));
          setReasons(r.rating.reasons as RatingReason[]);
          setComment(r.rating.comment ?? '');
        }
      })
      .catch(setFailure);
  }, [id]);

  if (!state && !failure) return <Loading />;
  const rating = state?.rating ?? null;
  const editing = !!rating;
  const canEdit = state ? state.rateable || !!rating?.editable : false;

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (!score) {
      setError(t('rate.scoreMissing'));
      setAttempt((n) => n + 1);
      return;
    }
    setError(null);
    setBusy(true);
    setFailure(null);
    try {
      const body = { score: Number(score), reasons, comment };
      const r = editing ? await voiceApi.changeRating(id, body, key) : await voiceApi.rate(id, body, key);
      setState({ rateable: false, rating: r });
      setSaved(true);
      setKey(newIdempotencyKey());
    } catch (err) {
      setFailure(err);
    } finally {
      setBusy(false);
    }
  };

  const scores = [5, 4, 3, 2, 1].map((s) => ({ value: String(s), label: t(`rate.score${s}` as 'rate.score1') }));
  return (
    <div className="narrow">
      <BackLink to={`/ho-so/${id}`} />
      <ErrorSummary errors={error ? [{ target: 'rate-score', message: error }] : []} version={attempt} />
      <PageHeading title={t('rate.title')}>{t('rate.title')}</PageHeading>
      {saved ? (
        <div className="notice notice--success" role="status">
          <h2>{t('rate.thanks')}</h2>
          {rating ? <p>{t('rate.editableUntil', { at: dateTime(rating.editableUntil) })}</p> : null}
          <p>
            <Link to={`/ho-so/${id}`}>{t('rate.backToDossier')}</Link>
          </p>
        </div>
      ) : null}
      <ProblemNotice error={failure} />
      {state && !canEdit ? (
        <p>{rating ? t('rate.locked', { score: String(rating.score) }) : t('rate.notYet')}</p>
      ) : state && !saved ? (
        <form noValidate onSubmit={onSubmit}>
          <p>{t('rate.lead')}</p>
          <Radios id="rate-score" label={t('rate.score')} value={score} onChange={setScore} options={scores} error={error} />
          <fieldset className="form-group">
            <legend>{t('rate.reasons')}</legend>
            {RATING_REASONS.map((r) => (
              <Checkbox key={r} id={`rate-reason-${r}`} label={pick(RATING_REASON_LABELS[r])} checked={reasons.includes(r)} onChange={(on) => setReasons((xs) => (on ? [...xs, r] : xs.filter((x) => x !== r)))} />
            ))}
          </fieldset>
          <TextArea id="rate-comment" label={t('rate.comment')} hint={t('rate.commentHint')} value={comment} onChange={setComment} />
          <button type="submit" className="button" disabled={busy}>
            {editing ? t('rate.change') : t('rate.submit')}
          </button>
        </form>
      ) : null}
    </div>
  );
}

/** On a dossier's page: the invitation to rate it, or what was given. */
export function RatingPrompt({ id, state }: { id: string; state: string }) {
  const { t } = useI18n();
  const [mine, setMine] = useState<MyRating | null>(null);
  useEffect(() => {
    if (!['returned', 'refused', 'rejected', 'stopped'].includes(state)) return;
    voiceApi.myRating(id).then(setMine, () => setMine(null));
  }, [id, state]);
  if (!mine) return null;
  if (mine.rating)
    return (
      <p>
        {t('rate.given', { score: String(mine.rating.score) })} {mine.rating.editable ? <Link to={`/ho-so/${id}/danh-gia`}>{t('rate.change')}</Link> : null}
      </p>
    );
  if (!mine.rateable) return null;
  return (
    <p>
      <Link to={`/ho-so/${id}/danh-gia`} className="button button--secondary">
        {t('rate.link')}
      </Link>
    </p>
  );
}
