import { useState, type FormEvent } from 'react';
import { STATES, STATE_LABELS } from '@shared/dossier/states';
import { parseDateVi } from '@shared/eform/eform.formats';
import { dossierApi, type DossierView } from '../api/dossier';
import { useI18n } from '../i18n';
import { ErrorSummary, type SummaryError } from '../ui/ErrorSummary';
import { Select, TextInput } from '../ui/Fields';
import { PageHeading } from '../ui/Page';
import { ProblemNotice } from '../ui/Problem';
import { DossierTable } from './DossierTable';

/** Find dossiers of one's agencies by code, applicant (diacritics optional), state and filing dates. */
export function OfficerSearch() {
  const { t, pick } = useI18n();
  const [code, setCode] = useState('');
  const [applicant, setApplicant] = useState('');
  const [state, setState] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [errors, setErrors] = useState<SummaryError[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [items, setItems] = useState<DossierView[] | null>(null);
  const [failure, setFailure] = useState<unknown>(null);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const errs: SummaryError[] = [];
    const f = from.trim() ? parseDateVi(from) : null;
    const tt = to.trim() ? parseDateVi(to) : null;
    if (from.trim() && !f) errs.push({ target: 'search-from', message: t('search.badDate') });
    if (to.trim() && !tt) errs.push({ target: 'search-to', message: t('search.badDate') });
    setErrors(errs);
    setAttempt((n) => n + 1);
    if (errs.length) return;
    setFailure(null);
    try {
      const page = await dossierApi.inbox({ code: code.trim().toUpperCase() || undefined, applicant: applicant.trim() || undefined, state: state || undefined, from: f ?? undefined, to: tt ?? undefined, limit: 100 });
      setItems(page.items);
    } catch (err) {
      setFailure(err);
    }
  };
  const err = (id: string) => errors.find((e) => e.target === id)?.message;
  return (
    <>
      <ErrorSummary errors={errors} version={attempt} />
      <PageHeading>{t('officerSearch.title')}</PageHeading>
      <form noValidate onSubmit={(e) => void onSubmit(e)} className="narrow">
        <TextInput id="search-code" label={t('dossier.code')} hint={t('officerSearch.codeHint')} value={code} onChange={setCode} spellCheck={false} />
        <TextInput id="search-applicant" label={t('dossier.applicant')} hint={t('officerSearch.applicantHint')} value={applicant} onChange={setApplicant} />
        <Select id="search-state" label={t('dossier.status')} value={state} onChange={setState} placeholder={t('officerSearch.anyState')} options={STATES.filter((s) => s !== 'draft').map((s) => ({ value: s, label: pick(STATE_LABELS[s]) }))} />
        <div className="two-cols">
          <TextInput id="search-from" label={t('officerSearch.from')} hint={t('form.dateHint')} value={from} onChange={setFrom} width="w10" error={err('search-from')} />
          <TextInput id="search-to" label={t('officerSearch.to')} hint={t('form.dateHint')} value={to} onChange={setTo} width="w10" error={err('search-to')} />
        </div>
        <button type="submit" className="button">
          {t('search.submit')}
        </button>
      </form>
      <ProblemNotice error={failure} />
      {items ? items.length ? <DossierTable items={items} caption={t('officerSearch.results', { n: items.length })} /> : <p role="status">{t('search.none')}</p> : null}
    </>
  );
}
