/** Agencies (cơ quan) with their electronic identifier (Decision 20/2020/QĐ-TTg) and one-stop unit. */
import { useEffect, useState, type FormEvent } from 'react';
import { api, ApiError } from '../api/client';
import type { Agency } from '../api/types';
import { isAgencyCode } from '@shared/geography/agency-code';
import { AGENCY_KIND_LABELS, AGENCY_LEVELS, agencyKindLabel, agencyLevelLabel } from '@shared/api/geography';
import { Link, navigate } from '../app/router';
import { useI18n } from '../i18n';
import { ErrorSummary, type SummaryError } from '../ui/ErrorSummary';
import { Checkbox, Select, TextInput } from '../ui/Fields';
import { BackLink, Loading, PageHeading } from '../ui/Page';
import { ProblemNotice } from '../ui/Problem';
import { useApi } from '../ui/useApi';

export function AgencyList() {
  const { t, lang } = useI18n();
  const list = useApi<Agency[]>('/api/agencies');
  return (
    <>
      <PageHeading>{t('admin.agenciesTitle')}</PageHeading>
      <p>
        <Link to="/quan-tri/co-quan/moi" className="button">
          {t('admin.agencyNew')}
        </Link>
      </p>
      <ProblemNotice error={list.error} />
      {list.loading ? <Loading /> : null}
      {list.data ? (
        <table className="responsive-table">
          <caption>{t('admin.agenciesCaption', { n: list.data.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('admin.agencyCode')}</th>
              <th scope="col">{t('admin.agencyName')}</th>
              <th scope="col">{t('admin.agencyLevel')}</th>
              <th scope="col">{t('admin.agencyKind')}</th>
              <th scope="col">{t('dossier.status')}</th>
            </tr>
          </thead>
          <tbody>
            {list.data.map((a) => (
              <tr key={a.id}>
                <td data-label={t('admin.agencyCode')}>
                  <code>{a.code}</code>
                </td>
                <td data-label={t('admin.agencyName')}>
                  <Link to={`/quan-tri/co-quan/${a.id}`}>{lang === 'en' ? a.nameEn : a.name}</Link>
                </td>
                <td data-label={t('admin.agencyLevel')}>{agencyLevelLabel(a.level, lang)}</td>
                <td data-label={t('admin.agencyKind')}>{agencyKindLabel(a.kind, lang)}</td>
                <td data-label={t('dossier.status')}>{a.active ? <strong className="tag tag--green">{t('admin.active')}</strong> : <strong className="tag tag--grey">{t('admin.inactive')}</strong>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </>
  );
}

type AgencyForm = Omit<Agency, 'id'>;
const EMPTY: AgencyForm = { code: '', name: '', nameEn: '', level: 'commune', kind: 'commune-pc', parentId: null, adminUnitCode: '', oneStopUnit: '', oneStopUnitEn: null, address: null, active: true };

export function AgencyEdit({ id }: { id?: string }) {
  const { t, lang } = useI18n();
  const all = useApi<Agency[]>('/api/agencies');
  const [form, setForm] = useState<AgencyForm | null>(id ? null : EMPTY);
  const [errors, setErrors] = useState<SummaryError[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [failure, setFailure] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (id && all.data && !form) {
      const a = all.data.find((x) => x.id === id);
      if (a) {
        const { id: _ignored, ...rest } = a;
        setForm(rest);
      }
    }
  }, [id, all.data, form]);

  if (all.loading || !form) return all.error ? <ProblemNotice error={all.error} /> : <Loading />;
  const set = (k: keyof AgencyForm) => (v: string | boolean | null) => setForm({ ...form, [k]: v });

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const errs: SummaryError[] = [];
    if (!isAgencyCode(form.code)) errs.push({ target: 'ag-code', message: t('admin.agencyCodeError') });
    if (!form.name.trim()) errs.push({ target: 'ag-name', message: t('action.required', { field: t('admin.nameVi') }) });
    if (!form.nameEn.trim()) errs.push({ target: 'ag-name-en', message: t('action.required', { field: t('admin.nameEn') }) });
    if (!/^(\d{2}|\d{5})$/.test(form.adminUnitCode)) errs.push({ target: 'ag-unit', message: t('admin.agencyUnitError') });
    if (!form.oneStopUnit.trim()) errs.push({ target: 'ag-onestop', message: t('action.required', { field: t('admin.oneStopUnit') }) });
    setErrors(errs);
    setAttempt((n) => n + 1);
    if (errs.length) return;
    setBusy(true);
    setFailure(null);
    const body = { ...form, address: form.address?.trim() || null, oneStopUnitEn: form.oneStopUnitEn?.trim() || null };
    try {
      if (id) {
        await api.patch<Agency>(`/api/agencies/${id}`, body);
        setNotice(t('admin.saved'));
      } else {
        const created = await api.post<Agency>('/api/agencies', body);
        navigate(`/quan-tri/co-quan/${created.id}`);
      }
    } catch (err) {
      if (err instanceof ApiError && err.fieldErrors.length) {
        setErrors(err.fieldErrors.map((f) => ({ target: null, message: f.message[lang] })));
        setAttempt((n) => n + 1);
      } else setFailure(err);
    } finally {
      setBusy(false);
    }
  };
  const err = (k: string) => errors.find((e) => e.target === k)?.message;
  return (
    <div className="narrow">
      <BackLink to="/quan-tri/co-quan">{t('admin.agenciesTitle')}</BackLink>
      <ErrorSummary errors={errors} version={attempt} />
      <ProblemNotice error={failure} />
      {notice ? (
        <div className="notice notice--success" role="status">
          {notice}
        </div>
      ) : null}
      <PageHeading>{id ? (lang === 'en' ? form.nameEn : form.name) : t('admin.agencyNew')}</PageHeading>
      <form noValidate onSubmit={(e) => void onSubmit(e)}>
        <TextInput id="ag-code" label={t('admin.agencyCode')} hint={t('admin.agencyCodeHint')} value={form.code} onChange={(v) => set('code')(v.toUpperCase())} error={err('ag-code')} width="w20" spellCheck={false} />
        <TextInput id="ag-name" label={t('admin.nameVi')} value={form.name} onChange={set('name')} error={err('ag-name')} />
        <TextInput id="ag-name-en" label={t('admin.nameEn')} value={form.nameEn} onChange={set('nameEn')} error={err('ag-name-en')} />
        <Select
          id="ag-level"
          label={t('admin.agencyLevel')}
          value={form.level}
          onChange={set('level')}
          options={AGENCY_LEVELS.map((l) => ({ value: l, label: agencyLevelLabel(l, lang) }))}
        />
        <Select
          id="ag-kind"
          label={t('admin.agencyKind')}
          value={form.kind}
          onChange={set('kind')}
          options={[...new Set([...Object.keys(AGENCY_KIND_LABELS), form.kind].filter(Boolean))].map((k) => ({ value: k, label: agencyKindLabel(k, lang) }))}
        />
        <Select
          id="ag-parent"
          label={t('admin.agencyParent')}
          value={form.parentId ?? ''}
          onChange={(v) => set('parentId')(v || null)}
          placeholder={t('admin.none')}
          options={(all.data ?? []).filter((a) => a.id !== id).map((a) => ({ value: a.id, label: `${lang === 'en' ? a.nameEn : a.name} (${a.code})` }))}
        />
        <TextInput id="ag-unit" label={t('admin.agencyUnit')} hint={t('admin.agencyUnitHint')} value={form.adminUnitCode} onChange={set('adminUnitCode')} error={err('ag-unit')} width="w10" inputMode="numeric" />
        <TextInput id="ag-onestop" label={t('admin.oneStopUnit')} value={form.oneStopUnit} onChange={set('oneStopUnit')} error={err('ag-onestop')} />
        <TextInput id="ag-onestop-en" label={t('admin.oneStopUnitEn')} value={form.oneStopUnitEn ?? ''} onChange={set('oneStopUnitEn')} />
        <TextInput id="ag-address" label={t('admin.address')} value={form.address ?? ''} onChange={set('address')} />
        {id ? <Checkbox id="ag-active" label={t('admin.active')} checked={form.active} onChange={(v) => set('active')(v)} /> : null}
        <button type="submit" className="button" disabled={busy}>
          {t('admin.save')}
        </button>
      </form>
    </div>
  );
}
