/** Counter submission (tiếp nhận trực tiếp): the receiving officer opens a dossier for a citizen at the desk. */
import { useState, type FormEvent } from 'react';
import { isPersonalId } from '@shared/eform/eform.formats';
import { compareVi } from '@shared/text/fold';
import { dossierApi, newIdempotencyKey } from '../api/dossier';
import type { Agency, ProcedureSummary } from '../api/types';
import { navigate } from '../app/router';
import { useSession } from '../app/session';
import { useI18n } from '../i18n';
import { ErrorSummary, type SummaryError } from '../ui/ErrorSummary';
import { Radios, Select, TextInput } from '../ui/Fields';
import { Loading, PageHeading } from '../ui/Page';
import { ProblemNotice } from '../ui/Problem';
import { useApi } from '../ui/useApi';

export function CounterStart() {
  const { t, pick, lang } = useI18n();
  const { session } = useSession();
  const procs = useApi<{ items: ProcedureSummary[] }>('/api/procedures?limit=200');
  const agencies = useApi<Agency[]>('/api/agencies');
  const [procedure, setProcedure] = useState('');
  const [agencyId, setAgencyId] = useState('');
  const [channel, setChannel] = useState<'in_person' | 'post'>('in_person');
  const [personalId, setPersonalId] = useState('');
  const [fullName, setFullName] = useState('');
  const [errors, setErrors] = useState<SummaryError[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [key] = useState(newIdempotencyKey);

  if (procs.loading || agencies.loading) return <Loading />;
  const mine = new Set(session?.grants.filter((g) => g.role === 'receiving_officer').map((g) => g.agencyId));
  const chosen = procs.data?.items.find((p) => p.key === procedure);
  const myAgencies = (agencies.data ?? []).filter((a) => mine.has(a.id) && a.active && (!chosen || a.kind === chosen.agencyKind));
  const agency = agencyId || (myAgencies.length === 1 ? myAgencies[0].id : '');
  const sorted = [...(procs.data?.items ?? [])].sort((a, b) => compareVi(pick(a.name), pick(b.name)));

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const errs: SummaryError[] = [];
    if (!procedure) errs.push({ target: 'counter-procedure', message: t('counter.procedureMissing') });
    if (!agency) errs.push({ target: 'counter-agency', message: t('counter.agencyMissing') });
    const pid = personalId.replace(/[\s.]/g, '');
    if (!pid) errs.push({ target: 'counter-pid', message: t('counter.pidMissing') });
    else if (!isPersonalId(pid)) errs.push({ target: 'counter-pid', message: t('counter.pidFormat') });
    if (!fullName.trim()) errs.push({ target: 'counter-name', message: t('counter.nameMissing') });
    setErrors(errs);
    setAttempt((n) => n + 1);
    if (errs.length) return;
    setBusy(true);
    setFailure(null);
    try {
      const d = await dossierApi.createAtCounter({ procedure, agencyId: agency, channel, applicant: { type: 'citizen', personalId: pid, fullName: fullName.trim() } }, key);
      navigate(`/can-bo/nop/${d.id}/khai`);
    } catch (err) {
      setFailure(err);
      setBusy(false);
    }
  };
  const err = (id: string) => errors.find((e) => e.target === id)?.message;
  return (
    <div className="narrow">
      <ErrorSummary errors={errors} version={attempt} />
      <ProblemNotice error={failure ?? procs.error ?? agencies.error} />
      <PageHeading>{t('counter.title')}</PageHeading>
      <p>{t('counter.lead')}</p>
      <form noValidate onSubmit={(e) => void onSubmit(e)}>
        <Select id="counter-procedure" label={t('dossier.procedure')} value={procedure} onChange={setProcedure} placeholder={t('form.choose')} error={err('counter-procedure')} options={sorted.map((p) => ({ value: p.key, label: pick(p.name) }))} />
        <Select
          id="counter-agency"
          label={t('dossier.agency')}
          value={agency}
          onChange={setAgencyId}
          placeholder={t('form.choose')}
          error={err('counter-agency')}
          hint={myAgencies.length ? undefined : t('counter.noAgency')}
          options={myAgencies.map((a) => ({ value: a.id, label: lang === 'en' ? a.nameEn : a.name }))}
        />
        <Radios
          id="counter-channel"
          label={t('workspace.channel')}
          value={channel}
          onChange={(v) => setChannel(v as 'in_person' | 'post')}
          options={[
            { value: 'in_person', label: t('channel.inPerson') },
            { value: 'post', label: t('channel.post') },
          ]}
        />
        <TextInput id="counter-pid" label={t('counter.pid')} hint={t('counter.pidHint')} value={personalId} onChange={setPersonalId} inputMode="numeric" width="w20" error={err('counter-pid')} />
        <TextInput id="counter-name" label={t('counter.name')} value={fullName} onChange={setFullName} error={err('counter-name')} autoComplete="off" />
        <button type="submit" className="button" disabled={busy}>
          {t('counter.start')}
        </button>
      </form>
    </div>
  );
}
