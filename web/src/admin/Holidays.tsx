/** The calendar of a year: days off computed by the server, and the exceptions administrators enter (extra days off, swapped working days). */
import { useEffect, useState } from 'react';
import { formatDateVi, isIsoDate, parseDateVi } from '@shared/eform/eform.formats';
import { api, ApiError } from '../api/client';
import type { Reasoned, WorkingDaysOfYear, YearExceptions } from '../api/types';
import { navigate, useQuery } from '../app/router';
import { hasRole, useSession } from '../app/session';
import { useI18n } from '../i18n';
import { ErrorSummary, type SummaryError } from '../ui/ErrorSummary';
import { Select, TextInput } from '../ui/Fields';
import { Loading, PageHeading } from '../ui/Page';
import { ProblemNotice } from '../ui/Problem';
import { useApi } from '../ui/useApi';

interface Row {
  date: string;
  reasonVi: string;
  reasonEn: string;
  swappedWith: string;
  legalBasis: string;
}

const toRow = (r: Reasoned): Row => ({ date: isIsoDate(r.date) ? formatDateVi(r.date) : r.date, reasonVi: r.reasonVi, reasonEn: r.reasonEn, swappedWith: r.swappedWith ? formatDateVi(r.swappedWith) : '', legalBasis: r.legalBasis ?? '' });
const EMPTY_ROW: Row = { date: '', reasonVi: '', reasonEn: '', swappedWith: '', legalBasis: '' };

function RowsEditor({ idBase, title, rows, onChange, errors, swapLabel }: { idBase: string; title: string; rows: Row[]; onChange(r: Row[]): void; errors: Map<string, string>; swapLabel: string }) {
  const { t } = useI18n();
  const set = (i: number, k: keyof Row) => (v: string) => onChange(rows.map((r, j) => (j === i ? { ...r, [k]: v } : r)));
  return (
    <fieldset className="fieldset-box">
      <legend>{title}</legend>
      {rows.length === 0 ? <p>{t('holidays.none')}</p> : null}
      {rows.map((r, i) => (
        <div key={i} className="builder__field">
          <div className="two-cols">
            <TextInput id={`${idBase}-${i}-date`} label={t('holidays.dateN', { n: i + 1 })} hint={t('form.dateHint')} value={r.date} onChange={set(i, 'date')} width="w10" error={errors.get(`${idBase}-${i}-date`)} />
            <TextInput id={`${idBase}-${i}-swap`} label={swapLabel} hint={t('form.optional')} value={r.swappedWith} onChange={set(i, 'swappedWith')} width="w10" error={errors.get(`${idBase}-${i}-swap`)} />
          </div>
          <div className="two-cols">
            <TextInput id={`${idBase}-${i}-vi`} label={t('holidays.reasonVi')} value={r.reasonVi} onChange={set(i, 'reasonVi')} error={errors.get(`${idBase}-${i}-vi`)} />
            <TextInput id={`${idBase}-${i}-en`} label={t('holidays.reasonEn')} value={r.reasonEn} onChange={set(i, 'reasonEn')} error={errors.get(`${idBase}-${i}-en`)} />
          </div>
          <TextInput id={`${idBase}-${i}-legal`} label={t('holidays.legalBasis')} hint={t('form.optional')} value={r.legalBasis} onChange={set(i, 'legalBasis')} />
          <button type="button" className="button button--secondary" onClick={() => onChange(rows.filter((_, j) => j !== i))}>
            {t('holidays.remove', { n: i + 1 })}
          </button>
        </div>
      ))}
      <button type="button" className="button button--secondary" onClick={() => onChange([...rows, { ...EMPTY_ROW }])}>
        {t('holidays.add')}
      </button>
    </fieldset>
  );
}

export function Holidays() {
  const { t, lang, date } = useI18n();
  const { session } = useSession();
  const thisYear = new Date().getFullYear();
  const q = useQuery();
  const year = Number(q.get('nam')) || thisYear;
  const days = useApi<WorkingDaysOfYear>(`/api/calendar/working-days?year=${year}`);
  const [exceptions, setExceptions] = useState<YearExceptions | null>(null);
  const [extra, setExtra] = useState<Row[]>([]);
  const [working, setWorking] = useState<Row[]>([]);
  const [errors, setErrors] = useState<SummaryError[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [failure, setFailure] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const canEdit = hasRole(session, 'platform_admin');

  useEffect(() => {
    setExceptions(null);
    setNotice(null);
    api
      .get<YearExceptions>(`/api/calendar/exceptions/${year}`)
      .then((x) => {
        setExceptions(x);
        setExtra((x.extraDaysOff ?? []).map(toRow));
        setWorking((x.workingDays ?? []).map(toRow));
      })
      .catch(setFailure);
  }, [year]);

  const collect = (rows: Row[], idBase: string, errs: SummaryError[]): Reasoned[] =>
    rows.map((r, i) => {
      const d = parseDateVi(r.date);
      const s = r.swappedWith.trim() ? parseDateVi(r.swappedWith) : null;
      if (!d) errs.push({ target: `${idBase}-${i}-date`, message: t('holidays.badDate', { n: i + 1 }) });
      else if (!d.startsWith(String(year))) errs.push({ target: `${idBase}-${i}-date`, message: t('holidays.wrongYear', { n: i + 1, year }) });
      if (r.swappedWith.trim() && !s) errs.push({ target: `${idBase}-${i}-swap`, message: t('holidays.badDate', { n: i + 1 }) });
      if (!r.reasonVi.trim()) errs.push({ target: `${idBase}-${i}-vi`, message: t('action.required', { field: t('holidays.reasonVi') }) });
      if (!r.reasonEn.trim()) errs.push({ target: `${idBase}-${i}-en`, message: t('action.required', { field: t('holidays.reasonEn') }) });
      return { date: d ?? r.date, reasonVi: r.reasonVi.trim(), reasonEn: r.reasonEn.trim(), ...(s ? { swappedWith: s } : {}), ...(r.legalBasis.trim() ? { legalBasis: r.legalBasis.trim() } : {}) };
    });

  const save = async () => {
    if (!exceptions) return;
    const errs: SummaryError[] = [];
    const body: YearExceptions = { ...exceptions, extraDaysOff: collect(extra, 'extra', errs), workingDays: collect(working, 'work', errs) };
    setErrors(errs);
    setAttempt((n) => n + 1);
    if (errs.length) return;
    setFailure(null);
    try {
      const saved = await api.put<YearExceptions>(`/api/calendar/exceptions/${year}`, body);
      setExceptions(saved);
      setNotice(t('admin.saved'));
      days.reload();
    } catch (e) {
      if (e instanceof ApiError && e.fieldErrors.length) {
        setErrors(e.fieldErrors.map((f) => ({ target: null, message: f.message[lang] })));
        setAttempt((n) => n + 1);
      } else setFailure(e);
    }
  };

  const errMap = new Map(errors.filter((e) => e.target).map((e) => [e.target!, e.message]));
  return (
    <>
      <ErrorSummary errors={errors} version={attempt} />
      <ProblemNotice error={failure ?? days.error} />
      {notice ? (
        <div className="notice notice--success" role="status">
          {notice}
        </div>
      ) : null}
      <PageHeading title={t('holidays.title', { year })}>{t('holidays.title', { year })}</PageHeading>
      <div className="narrow">
        <Select
          id="year"
          label={t('holidays.year')}
          value={String(year)}
          onChange={(v) => navigate(`/quan-tri/ngay-nghi?nam=${v}`)}
          options={[thisYear - 1, thisYear, thisYear + 1, thisYear + 2].map((y) => ({ value: String(y), label: String(y) }))}
        />
      </div>
      <h2>{t('holidays.daysOff')}</h2>
      {days.loading ? <Loading /> : null}
      {days.data ? (
        <table className="responsive-table">
          <caption>{t('holidays.daysOffCaption', { n: days.data.daysOff.length, year })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('holidays.date')}</th>
              <th scope="col">{t('holidays.name')}</th>
              <th scope="col">{t('holidays.kind')}</th>
            </tr>
          </thead>
          <tbody>
            {days.data.daysOff.map((d) => (
              <tr key={d.date}>
                <td data-label={t('holidays.date')}>{date(d.date)}</td>
                <td data-label={t('holidays.name')}>{lang === 'en' ? d.nameEn : d.nameVi}</td>
                <td data-label={t('holidays.kind')}>{d.kind === 'holiday' ? t('holidays.kindHoliday') : d.kind === 'compensatory' ? t('holidays.kindCompensatory') : t('holidays.kindException')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {days.data?.workingDays.length ? (
        <>
          <h3>{t('holidays.swapped')}</h3>
          <ul>
            {days.data.workingDays.map((w) => (
              <li key={w.date}>
                {date(w.date)} — {lang === 'en' ? w.reasonEn : w.reasonVi}
              </li>
            ))}
          </ul>
        </>
      ) : null}

      <h2>{t('holidays.exceptions')}</h2>
      {!canEdit ? <p className="notice">{t('holidays.readOnly')}</p> : null}
      {exceptions === null ? (
        <Loading />
      ) : (
        <div className="narrow">
          {exceptions.tetDays?.length ? <p>{t('holidays.tet', { days: exceptions.tetDays.map((d) => date(d)).join(', ') })}</p> : null}
          {exceptions.nationalDayAdjacent ? <p>{t('holidays.nationalDay', { day: date(exceptions.nationalDayAdjacent) })}</p> : null}
          <RowsEditor idBase="extra" title={t('holidays.extraDaysOff')} rows={extra} onChange={setExtra} errors={errMap} swapLabel={t('holidays.swappedWithWork')} />
          <RowsEditor idBase="work" title={t('holidays.workingDays')} rows={working} onChange={setWorking} errors={errMap} swapLabel={t('holidays.swappedWithOff')} />
          {canEdit ? (
            <button type="button" className="button" onClick={() => void save()}>
              {t('holidays.save', { year })}
            </button>
          ) : null}
        </div>
      )}
    </>
  );
}
