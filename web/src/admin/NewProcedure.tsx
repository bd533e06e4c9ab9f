/** A new procedure: from scratch (identity, then the builder) or as a copy of another. */
import { useState } from 'react';
import { api } from '../api/client';
import type { ProcedureSummary, ProcedureVersion, ProcedureVersionInput, Taxonomy } from '../api/types';
import { navigate } from '../app/router';
import { useI18n } from '../i18n';
import { Checkbox, Radios, Select, TextInput } from '../ui/Fields';
import { BackLink, PageHeading } from '../ui/Page';
import { ProblemNotice } from '../ui/Problem';
import { useApi } from '../ui/useApi';
import { ErrorSummary, type SummaryError } from '../ui/ErrorSummary';
import { ApiError } from '../api/client';

/** The smallest draft the builder starts from: one section, no fee, document or step yet. */
export function blankProcedure(key: string, name: { vi: string; en: string }, identity: Pick<ProcedureVersionInput, 'field' | 'implementingLevel' | 'agencyKind' | 'applicantTypes' | 'onlineLevel' | 'eIdLevel' | 'nationalCode'> & { channels: ProcedureVersionInput['submission']['channels'] }): ProcedureVersionInput {
  const { channels, ...id } = identity;
  return {
    key,
    name,
    ...id,
    lifeEvents: [],
    decidingAuthority: { vi: 'Chủ tịch Ủy ban nhân dân', en: 'Chair of the People’s Committee' },
    processingTime: { kind: 'working-days', days: 5 },
    cutoffTime: null,
    fees: [],
    documents: [],
    requirements: [],
    result: { name: { vi: name.vi, en: name.en }, documentType: key, electronic: true, validityMonths: null },
    steps: [{ vi: 'Nộp hồ sơ trực tuyến hoặc tại Bộ phận Một cửa; cơ quan giải quyết và trả kết quả.', en: 'File online or at the one-stop desk; the agency decides and returns the result.' }],
    submission: { channels, places: [] },
    legalBases: [],
    sourceNote: 'Soạn bằng trình tạo thủ tục / built with the procedure builder',
    effectiveFrom: new Date().toISOString().slice(0, 10),
    eform: { schema: { type: 'object', properties: {}, required: [], additionalProperties: false }, ui: { sections: [{ id: 'chung', title: { vi: 'Thông tin chung', en: 'General' }, fields: [] }], fields: {} } },
    workflow: [],
    sampleData: {},
  };
}

export function NewProcedure() {
  const { t, pick, lang } = useI18n();
  const tax = useApi<Taxonomy>('/api/catalog/taxonomy');
  const list = useApi<{ total: number; items: ProcedureSummary[] }>('/api/procedures?limit=200');
  const [mode, setMode] = useState<'scratch' | 'copy'>('scratch');
  const [source, setSource] = useState('');
  const [key, setKey] = useState('');
  const [code, setCode] = useState('');
  const [nameVi, setNameVi] = useState('');
  const [nameEn, setNameEn] = useState('');
  const [field, setField] = useState('civil-status');
  const [level, setLevel] = useState<'commune' | 'province' | 'ministry'>('commune');
  const [agencyKind, setAgencyKind] = useState('commune-pc');
  const [business, setBusiness] = useState(false);
  const [online, setOnline] = useState<'full' | 'partial'>('full');
  const [eId, setEId] = useState<'1' | '2'>('2');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [problems, setProblems] = useState<SummaryError[]>([]);

  const create = async () => {
    setBusy(true);
    setError(null);
    setProblems([]);
    try {
      const name = { vi: nameVi.trim(), en: nameEn.trim() };
      const v =
        mode === 'copy'
          ? await api.post<ProcedureVersion>(`/api/admin/procedures/${source}/copy`, { key, ...(name.vi && name.en ? { name } : {}), nationalCode: code || null })
          : await api.post<ProcedureVersion>(
              '/api/admin/procedures',
              blankProcedure(key, name, { nationalCode: code || null, field: field as ProcedureVersionInput['field'], implementingLevel: level, agencyKind: agencyKind as ProcedureVersionInput['agencyKind'], applicantTypes: business ? ['citizen', 'business'] : ['citizen'], onlineLevel: online, eIdLevel: eId === '1' ? 1 : 2, channels: online === 'full' ? ['online', 'in-person'] : ['in-person'] }),
            );
      navigate(`/quan-tri/phien-ban/${v.id}`);
    } catch (e) {
      if (e instanceof ApiError && e.fieldErrors.length) setProblems(e.fieldErrors.map((f) => ({ target: null, message: `${f.field}: ${f.message[lang]}` })));
      else setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <BackLink to="/quan-tri/thu-tuc">{t('admin.proceduresTitle')}</BackLink>
      <ErrorSummary errors={problems} version={problems.length} />
      <PageHeading>{t('pb.newTitle')}</PageHeading>
      <ProblemNotice error={error} />
      <Radios id="np-mode" label={t('pb.newMode')} value={mode} onChange={(v) => setMode(v as 'scratch' | 'copy')} options={[{ value: 'scratch', label: t('pb.fromScratch') }, { value: 'copy', label: t('pb.fromCopy') }]} />
      {mode === 'copy' ? <Select id="np-source" label={t('pb.copyOf')} value={source} placeholder={t('pb.choose')} onChange={setSource} options={(list.data?.items ?? []).map((p) => ({ value: p.id, label: pick(p.name) }))} /> : null}
      <TextInput id="np-key" label={t('pb.key')} hint={t('pb.keyHint')} value={key} spellCheck={false} onChange={(v) => setKey(v.trim())} />
      <TextInput id="np-code" label={t('admin.nationalCode')} hint={t('pb.codeHint')} value={code} width="w10" onChange={(v) => setCode(v.trim())} />
      <div className="two-cols">
        <TextInput id="np-name-vi" label={t('admin.nameVi')} value={nameVi} onChange={setNameVi} />
        <TextInput id="np-name-en" label={t('admin.nameEn')} value={nameEn} onChange={setNameEn} />
      </div>
      {mode === 'scratch' ? (
        <>
          <Select id="np-field" label={t('browse.field')} value={field} onChange={setField} options={(tax.data?.fields ?? []).map((f) => ({ value: f.key, label: pick(f) }))} />
          <Select id="np-level" label={t('pb.level')} value={level} onChange={(v) => setLevel(v as typeof level)} options={(['commune', 'province', 'ministry'] as const).map((l) => ({ value: l, label: t(`pb.level.${l}`) }))} />
          <Select id="np-agency" label={t('pb.agencyKind')} value={agencyKind} onChange={setAgencyKind} options={(tax.data?.agencyKinds ?? []).map((a) => ({ value: a.key, label: pick(a) }))} />
          <Checkbox id="np-business" label={t('pb.alsoBusiness')} checked={business} onChange={setBusiness} />
          <Radios id="np-online" label={t('procedure.onlineLevel')} value={online} inline onChange={(v) => setOnline(v as 'full' | 'partial')} options={[{ value: 'full', label: t('procedure.onlineFull') }, { value: 'partial', label: t('procedure.onlinePartial') }]} />
          <Radios id="np-eid" label={t('pb.eIdLevel')} value={eId} inline onChange={(v) => setEId(v as '1' | '2')} options={[{ value: '1', label: t('pb.eId1') }, { value: '2', label: t('pb.eId2') }]} />
        </>
      ) : null}
      <button type="button" className="button" disabled={busy} onClick={() => void create()}>
        {t('pb.create')}
      </button>
    </>
  );
}
