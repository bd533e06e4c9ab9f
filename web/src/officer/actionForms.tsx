/**
 * One page per dossier action, each with its own form: a reason, the missing items, a new date, a comment… The
 * fields follow the API's request bodies (src/modules/dossier/dossier.routes.ts); the labels and which action is
 * offered come from the shared state machine.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { ACTION_SLUGS, ACTION_SPECS, type ActionType } from '@shared/dossier/actions';
import { chosenReturnMethod } from '@shared/dossier/delivery';
import type { Assignee, AssigneeList } from '@shared/api/dossier-assignees';
import { parseDateVi } from '@shared/eform/eform.formats';
import { api, ApiError } from '../api/client';
import { dossierApi, newIdempotencyKey, type RequestType } from '../api/dossier';
import type { Agency } from '../api/types';
import { navigate } from '../app/router';
import { useSession } from '../app/session';
import { useI18n } from '../i18n';
import type { MessageKey } from '../i18n/vi';
import { ErrorSummary, type SummaryError } from '../ui/ErrorSummary';
import { Radios, Select, TextArea, TextInput } from '../ui/Fields';
import { BackLink, Loading, PageHeading } from '../ui/Page';
import { ProblemNotice } from '../ui/Problem';
import { allowedActions } from '../dossier/actions';
import { useDossierWithVersion } from '../dossier/flow/useDraft';

/** URL segment of each action page (shared: the officers' assistant links to them too). */
export { ACTION_SLUGS };

type FieldKind = 'text' | 'lines' | 'date' | 'integer' | 'yesno' | 'recommendation' | 'method' | 'agency' | 'specialist';
interface FieldDef {
  name: string;
  kind: FieldKind;
  required: boolean;
  label: MessageKey;
  hint?: MessageKey;
}

const f = (name: string, kind: FieldKind, required: boolean, label: MessageKey, hint?: MessageKey): FieldDef => ({ name, kind, required, label, hint });

const FORMS: Partial<Record<ActionType, FieldDef[]>> = {
  refuse_reception: [f('reason', 'text', true, 'action.reason', 'action.reasonHintRefuse')],
  request_supplement: [f('reason', 'text', true, 'action.reason'), f('missingItems', 'lines', true, 'action.missingItems', 'action.missingItemsHint')],
  resubmit_supplement: [f('note', 'text', false, 'action.note')],
  assign: [f('assigneeId', 'specialist', true, 'action.assignee')],
  hand_back: [f('reason', 'text', false, 'action.reason')],
  request_consultation: [f('agencyId', 'agency', true, 'action.consultAgency'), f('question', 'text', true, 'action.question'), f('workingDays', 'integer', false, 'action.workingDays', 'action.workingDaysHint')],
  answer_consultation: [f('opinion', 'text', true, 'action.opinion')],
  request_payment: [f('reason', 'text', true, 'action.reason'), f('amountVnd', 'integer', false, 'action.amount', 'action.amountHint')],
  confirm_payment: [f('reference', 'text', false, 'action.reference')],
  propose: [f('recommendation', 'recommendation', true, 'action.recommendation'), f('note', 'text', false, 'action.note')],
  approve: [f('note', 'text', false, 'action.note')],
  reject: [f('reason', 'text', true, 'action.reason', 'action.reasonHintReject')],
  return_to_specialist: [f('reason', 'text', true, 'action.reason')],
  issue_result: [f('electronic', 'yesno', true, 'action.electronic', 'action.electronicHint')],
  return_result: [f('method', 'method', true, 'action.method')],
  request_withdrawal: [f('reason', 'text', false, 'action.reason')],
  stop: [f('reason', 'text', true, 'action.reason', 'action.reasonHintStop')],
  extend: [f('reason', 'text', true, 'action.reason', 'action.reasonHintExtend'), f('newDueDate', 'date', true, 'action.newDueDate', 'action.newDueDateHint')],
  comment: [f('text', 'text', true, 'action.comment')],
};

/** Fields answered by choosing (radio buttons, a list): their error says "Chọn …", not "Nhập …". */
const CHOICES: readonly FieldKind[] = ['yesno', 'recommendation', 'method', 'agency', 'specialist'];
const lowerFirst = (s: string) => s.charAt(0).toLocaleLowerCase('vi') + s.slice(1);

const LEADS: Partial<Record<ActionType, MessageKey>> = {
  receive: 'action.leadReceive',
  start_processing: 'action.leadClaim',
  request_supplement: 'action.leadSupplement',
  extend: 'action.leadExtend',
  approve: 'action.leadApprove',
};

export function ActionPage({ id, slug }: { id: string; slug: string }) {
  const { t, pick, lang } = useI18n();
  const { session } = useSession();
  const found = (Object.entries(ACTION_SLUGS).find(([, s]) => s === slug)?.[0] ?? null) as ActionType | null;
  // Submission has its own pages (check your answers); every other action has a page here.
  const type: RequestType | null = found === 'submit' ? null : found;
  const { detail, version, error, loading } = useDossierWithVersion(id);
  const [values, setValues] = useState<Record<string, string>>({});
  const [errors, setErrors] = useState<SummaryError[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [key] = useState(newIdempotencyKey);
  const [agencies, setAgencies] = useState<Agency[]>([]);
  const [assignees, setAssignees] = useState<Assignee[] | null>(null);
  const fields = type ? (FORMS[type] ?? []) : [];

  useEffect(() => {
    if (fields.some((x) => x.kind === 'agency')) api.get<Agency[]>('/api/agencies').then(setAgencies).catch(() => setAgencies([]));
    // The picker: the handling agency's specialists with their open workload (GET /api/dossiers/{id}/assignees).
    if (fields.some((x) => x.kind === 'specialist'))
      api
        .get<AssigneeList>(`/api/dossiers/${id}/assignees`)
        .then((l) => setAssignees(l.items))
        .catch((err) => {
          setAssignees([]);
          setFailure(err);
        });
  }, [type, id]);

  useEffect(() => {
    if (type === 'issue_result' && version && values.electronic === undefined) setValues((v) => ({ ...v, electronic: version.result.electronic ? 'yes' : 'no' }));
  }, [type, version, values.electronic]);

  // Return the result the way the applicant chose on the form (hình thức nhận kết quả).
  const chosenMethod = chosenReturnMethod(detail?.data);
  useEffect(() => {
    if (type === 'return_result' && chosenMethod && values.method === undefined) setValues((v) => ({ ...v, method: chosenMethod }));
  }, [type, chosenMethod, values.method]);

  if (loading) return <Loading />;
  if (error || !detail || !type) {
    return (
      <>
        <PageHeading>{t('dossier.cannotOpen')}</PageHeading>
        <ProblemNotice error={error} />
      </>
    );
  }
  const label = pick(ACTION_SPECS[type].label);
  const allowed = allowedActions(detail, session).includes(type);
  const set = (name: string) => (v: string) => setValues((x) => ({ ...x, [name]: v }));
  const errorOf = (name: string) => errors.find((e) => e.target === `action-${name}`)?.message;

  const buildBody = (): { body: Record<string, unknown>; errs: SummaryError[] } => {
    const body: Record<string, unknown> = {};
    const errs: SummaryError[] = [];
    for (const fd of fields) {
      const raw = (values[fd.name] ?? '').trim();
      const target = `action-${fd.name}`;
      if (!raw) {
        if (fd.required) errs.push({ target, message: CHOICES.includes(fd.kind) ? t('action.choose', { field: lowerFirst(t(fd.label)) }) : t('action.required', { field: t(fd.label) }) });
        continue;
      }
      switch (fd.kind) {
        case 'lines': {
          const items = raw
            .split('\n')
            .map((s) => s.trim())
            .filter(Boolean);
          body[fd.name] = items;
          break;
        }
        case 'date': {
          const iso = parseDateVi(raw);
          if (!iso) errs.push({ target, message: t('action.badDate', { field: t(fd.label) }) });
          else body[fd.name] = iso;
          break;
        }
        case 'integer': {
          const n = Number(raw.replace(/[.\s]/g, ''));
          if (!Number.isInteger(n) || n < 0) errs.push({ target, message: t('action.badNumber', { field: t(fd.label) }) });
          else body[fd.name] = n;
          break;
        }
        case 'yesno':
          body[fd.name] = raw === 'yes';
          break;
        default:
          body[fd.name] = raw;
      }
    }
    return { body, errs };
  };

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const { body, errs } = buildBody();
    setErrors(errs);
    setAttempt((n) => n + 1);
    if (errs.length) return;
    setBusy(true);
    setFailure(null);
    try {
      await dossierApi.act(id, type, fields.length ? body : undefined, key);
      navigate(`/can-bo/ho-so/${id}?da=${slug}`);
    } catch (err) {
      if (err instanceof ApiError && err.fieldErrors.length) {
        setErrors(err.fieldErrors.map((fe) => ({ target: `action-${fe.field.replace(/^body\.?/, '').split('.')[0]}`, message: fe.message[lang] })));
        setAttempt((n) => n + 1);
      } else setFailure(err);
      setBusy(false);
    }
  };

  const control = (fd: FieldDef) => {
    const id2 = `action-${fd.name}`;
    const common = { id: id2, label: t(fd.label), hint: fd.hint ? t(fd.hint) : undefined, error: errorOf(fd.name), value: values[fd.name] ?? '', onChange: set(fd.name) };
    switch (fd.kind) {
      case 'text':
        return <TextArea key={fd.name} {...common} rows={fd.name === 'text' || fd.name === 'reason' ? 4 : 3} />;
      case 'lines':
        return <TextArea key={fd.name} {...common} rows={5} />;
      case 'date':
        return <TextInput key={fd.name} {...common} width="w10" inputMode="numeric" />;
      case 'integer':
        return <TextInput key={fd.name} {...common} width="w10" inputMode="numeric" />;
      case 'yesno':
        return <Radios key={fd.name} {...common} inline options={[{ value: 'yes', label: t('common.yes') }, { value: 'no', label: t('common.no') }]} />;
      case 'recommendation':
        return (
          <Radios
            key={fd.name}
            {...common}
            options={[
              { value: 'approve', label: t('action.recommendApprove') },
              { value: 'reject', label: t('action.recommendReject') },
            ]}
          />
        );
      case 'method':
        return (
          <Radios
            key={fd.name}
            {...common}
            hint={chosenMethod ? t('action.methodChosen', { method: t(`method.${chosenMethod}`) }) : common.hint}
            options={[
              { value: 'online', label: t('method.online') },
              { value: 'counter', label: t('method.counter') },
              { value: 'post', label: t('method.post') },
            ]}
          />
        );
      case 'agency':
        return <Select key={fd.name} {...common} placeholder={t('form.choose')} options={agencies.filter((a) => a.id !== detail.agency.id && a.active).map((a) => ({ value: a.id, label: `${lang === 'en' ? a.nameEn : a.name} (${a.code})` }))} />;
      case 'specialist':
        if (!assignees) return <Loading key={fd.name} />;
        if (!assignees.length)
          return (
            <div key={fd.name} className="notice notice--warning">
              {t('action.noAssignees')}
            </div>
          );
        return (
          <Radios
            key={fd.name}
            {...common}
            hint={t('action.assigneeHint')}
            options={assignees.map((a) => ({ value: a.id, label: t(a.current ? 'action.assigneeCurrent' : 'action.assigneeWorkload', { name: a.displayName, count: String(a.openDossiers) }) }))}
          />
        );
    }
  };

  return (
    <div className="narrow">
      <BackLink to={`/can-bo/ho-so/${id}`} />
      <ErrorSummary errors={errors} version={attempt} />
      <ProblemNotice error={failure} />
      <PageHeading title={label} caption={`${detail.code ?? ''} — ${pick(detail.procedure.name)}`}>
        {label}
      </PageHeading>
      {!allowed ? (
        <div className="notice notice--warning">{t('action.notAllowed')}</div>
      ) : (
        <>
          {LEADS[type] ? <p>{t(LEADS[type]!)}</p> : null}
          <form noValidate onSubmit={(e) => void onSubmit(e)}>
            {fields.map(control)}
            <div className="button-group">
              <button type="submit" className={`button${type === 'refuse_reception' || type === 'reject' || type === 'stop' ? ' button--warning' : ''}`} disabled={busy}>
                {label}
              </button>
            </div>
          </form>
        </>
      )}
    </div>
  );
}
