/** A procedure version: edit a draft (name, time, e-form) and publish it; the server's 422 lists what is missing. */
import { useEffect, useState } from 'react';
import { api, ApiError } from '../api/client';
import type { ProcedureVersionInput, ProcedureVersion, ProcessingTime } from '../api/types';
import { useI18n } from '../i18n';
import { ErrorSummary, type SummaryError } from '../ui/ErrorSummary';
import { Radios, Select, TextInput } from '../ui/Fields';
import { BackLink, Loading, PageHeading } from '../ui/Page';
import { ProblemNotice } from '../ui/Problem';
import { FormBuilder } from './FormBuilder';
import { ChecksPanel, DiffView, DocumentsEditor, FeesEditor, ResultEditor, ReviewPanel, WorkflowEditor } from './BuilderParts';

/** The version as the admin API takes it back (PUT /api/admin/procedure-versions/:id): its content and key. */
function toInput({ id: _id, procedureId: _procedureId, version: _version, status: _status, publishedAt: _publishedAt, ...content }: ProcedureVersion): ProcedureVersionInput {
  return { ...content, sampleData: content.sampleData ?? {} };
}

export function VersionEditor({ versionId }: { versionId: string }) {
  const { t, pick, lang } = useI18n();
  const [version, setVersion] = useState<ProcedureVersion | null>(null);
  const [content, setContent] = useState<ProcedureVersionInput | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [problems, setProblems] = useState<SummaryError[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [failure, setFailure] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [dirty, setDirty] = useState(false);
  const [revision, setRevision] = useState(0);

  useEffect(() => {
    api
      .get<ProcedureVersion>(`/api/procedure-versions/${versionId}`)
      .then((v) => {
        setVersion(v);
        setContent(toInput(v));
      })
      .catch(setLoadError);
  }, [versionId]);

  if (loadError) return <ProblemNotice error={loadError} />;
  if (!version || !content) return <Loading />;
  const readOnly = version.status !== 'draft';
  const update = (patch: Partial<ProcedureVersionInput>) => {
    setContent({ ...content, ...patch });
    setDirty(true);
    setNotice(null);
  };

  const showProblems = (e: unknown) => {
    if (e instanceof ApiError && e.fieldErrors.length) {
      setProblems(e.fieldErrors.map((f) => ({ target: null, message: `${f.field}: ${f.message[lang]}` })));
      setAttempt((n) => n + 1);
    } else setFailure(e);
  };

  const save = async (): Promise<boolean> => {
    setBusy(true);
    setFailure(null);
    setProblems([]);
    try {
      const v = await api.put<ProcedureVersion>(`/api/admin/procedure-versions/${versionId}`, content);
      setVersion(v);
      setDirty(false);
      setRevision((n) => n + 1);
      setNotice(t('admin.saved'));
      return true;
    } catch (e) {
      showProblems(e);
      return false;
    } finally {
      setBusy(false);
    }
  };

  const pt = content.processingTime;
  const amount = pt.kind === 'working-days' || pt.kind === 'calendar-days' ? pt.days : pt.kind === 'working-hours' ? pt.hours : 0;
  const setTime = (kind: ProcessingTime['kind'], n: number) =>
    update({ processingTime: kind === 'same-day' ? { kind } : kind === 'working-hours' ? { kind, hours: n } : { kind, days: n } });

  return (
    <>
      <BackLink to={`/quan-tri/thu-tuc/${version.procedureId}`}>{t('admin.versionsTitle')}</BackLink>
      <ErrorSummary errors={problems.length ? [{ target: null, message: t('admin.publishProblems', { n: problems.length }) }, ...problems] : []} version={attempt} />
      <ProblemNotice error={failure} />
      {notice ? (
        <div className="notice notice--success" role="status">
          {notice}
        </div>
      ) : null}
      <PageHeading title={pick(content.name)} caption={t('admin.versionCaption', { n: version.version, status: version.status === 'draft' ? t('admin.statusDraft') : version.status === 'published' ? t('admin.statusPublished') : t('admin.statusRetired') })}>
        {pick(content.name)}
      </PageHeading>
      {readOnly ? <div className="notice">{t('admin.readOnly')}</div> : null}

      <ChecksPanel versionId={versionId} revision={revision} />
      <h2 id="part-identity">{t('admin.general')}</h2>
      <div className="two-cols">
        <TextInput id="v-name-vi" label={t('admin.nameVi')} value={content.name.vi} readOnly={readOnly} onChange={(v) => update({ name: { ...content.name, vi: v } })} />
        <TextInput id="v-name-en" label={t('admin.nameEn')} value={content.name.en} readOnly={readOnly} onChange={(v) => update({ name: { ...content.name, en: v } })} />
      </div>
      <div className="two-cols">
        <Select
          id="v-time-kind"
          label={t('admin.timeKind')}
          value={pt.kind}
          disabled={readOnly}
          onChange={(k) => setTime(k as ProcessingTime['kind'], amount || 1)}
          options={[
            { value: 'same-day', label: t('time.sameDay') },
            { value: 'working-days', label: t('admin.kindWorkingDays') },
            { value: 'working-hours', label: t('admin.kindWorkingHours') },
            { value: 'calendar-days', label: t('admin.kindCalendarDays') },
          ]}
        />
        {pt.kind !== 'same-day' ? (
          <TextInput id="v-time-n" label={t('admin.timeAmount')} value={String(amount)} readOnly={readOnly} inputMode="numeric" width="w10" onChange={(v) => setTime(pt.kind, Number(v.replace(/\D/g, '')) || 0)} />
        ) : null}
      </div>
      <TextInput id="v-cutoff" label={t('admin.cutoff')} hint={t('admin.cutoffHint')} value={content.cutoffTime ?? ''} readOnly={readOnly} width="w10" onChange={(v) => update({ cutoffTime: v.trim() || null })} />
      <Radios
        id="v-online"
        label={t('procedure.onlineLevel')}
        value={content.onlineLevel}
        inline
        onChange={(v) => !readOnly && update({ onlineLevel: v as 'full' | 'partial' })}
        options={[
          { value: 'full', label: t('procedure.onlineFull') },
          { value: 'partial', label: t('procedure.onlinePartial') },
        ]}
      />

      <Radios
        id="v-eid"
        label={t('pb.eIdLevel')}
        value={String(content.eIdLevel)}
        inline
        onChange={(v) => !readOnly && update({ eIdLevel: v === '1' ? 1 : 2 })}
        options={[
          { value: '1', label: t('pb.eId1') },
          { value: '2', label: t('pb.eId2') },
        ]}
      />
      <TextInput id="v-legal" label={t('pb.legalBases')} hint={t('pb.legalHint')} value={content.legalBases.join('; ')} readOnly={readOnly} onChange={(v) => update({ legalBases: v.split(';').map((x) => x.trim()).filter(Boolean) })} />

      <div id="part-eform" />
      <FormBuilder
        def={content.eform}
        readOnly={readOnly}
        onChange={(eform) => update({ eform })}
        onUseAsSample={(data) => {
          update({ sampleData: data });
          setNotice(t('builder.sampleSet'));
        }}
      />

      <DocumentsEditor content={content} readOnly={readOnly} onChange={(documents) => update({ documents })} />
      <FeesEditor content={content} readOnly={readOnly} onChange={(fees) => update({ fees })} />
      <WorkflowEditor steps={content.workflow} readOnly={readOnly} onChange={(workflow) => update({ workflow })} />
      <ResultEditor content={content} readOnly={readOnly} onChange={(result) => update({ result })} />

      {!readOnly ? (
        <div className="button-group">
          <button type="button" className="button button--secondary" disabled={busy} onClick={() => void save()}>
            {t('admin.saveDraft')}
          </button>
        </div>
      ) : null}
      <ReviewPanel
        versionId={versionId}
        isDraft={!readOnly}
        beforeSubmit={() => (dirty ? save() : Promise.resolve(true))}
        onRefused={(e) => {
          if (!(e instanceof ApiError && e.fieldErrors.length)) return false;
          showProblems(e);
          return true;
        }}
        onPublished={() => {
          void api.get<ProcedureVersion>(`/api/procedure-versions/${versionId}`).then((v) => {
            setVersion(v);
            setContent(toInput(v));
          });
          setNotice(t('admin.published'));
        }}
      />
      <DiffView versionId={versionId} />
    </>
  );
}
