/** Officer accounts and their roles in agencies (vai trò), unlock after failed logins. */
import { useEffect, useState, type FormEvent } from 'react';
import { ROLE_LABELS, type ActorRole } from '@shared/dossier/roles';
import { api, ApiError } from '../api/client';
import type { Account, Agency, Grant } from '../api/types';
import { isUsername } from '@shared/identity/username';
import { Link, navigate } from '../app/router';
import { useI18n } from '../i18n';
import { ErrorSummary, type SummaryError } from '../ui/ErrorSummary';
import { Checkbox, Select, TextInput } from '../ui/Fields';
import { BackLink, Loading, PageHeading } from '../ui/Page';
import { ProblemNotice } from '../ui/Problem';
import { useApi } from '../ui/useApi';

const ROLES = ['receiving_officer', 'specialist', 'approver', 'result_officer', 'agency_admin', 'inspector', 'platform_admin'] as const;

function useRoleLabel() {
  const { pick } = useI18n();
  return (r: string) => (ROLE_LABELS[r as ActorRole] ? pick(ROLE_LABELS[r as ActorRole]) : r);
}

export function AccountList() {
  const { t, lang, dateTime } = useI18n();
  const roleLabel = useRoleLabel();
  const list = useApi<Account[]>('/api/admin/accounts');
  const agencies = useApi<Agency[]>('/api/agencies');
  const [failure, setFailure] = useState<unknown>(null);
  const agencyName = (id: string) => {
    const a = agencies.data?.find((x) => x.id === id);
    return a ? (lang === 'en' ? a.nameEn : a.name) : id;
  };
  const unlock = async (id: string) => {
    try {
      await api.post(`/api/admin/accounts/${id}/unlock`);
      list.reload();
    } catch (e) {
      setFailure(e);
    }
  };
  return (
    <>
      <PageHeading>{t('admin.usersTitle')}</PageHeading>
      <p>
        <Link to="/quan-tri/nguoi-dung/moi" className="button">
          {t('admin.userNew')}
        </Link>
      </p>
      <ProblemNotice error={list.error ?? failure} />
      {list.loading ? <Loading /> : null}
      {list.data ? (
        <table className="responsive-table">
          <caption>{t('admin.usersCaption', { n: list.data.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('admin.username')}</th>
              <th scope="col">{t('admin.displayName')}</th>
              <th scope="col">{t('admin.roles')}</th>
              <th scope="col">{t('dossier.status')}</th>
            </tr>
          </thead>
          <tbody>
            {list.data.map((a) => (
              <tr key={a.id}>
                <td data-label={t('admin.username')}>
                  <Link to={`/quan-tri/nguoi-dung/${a.id}`}>{a.username ?? a.id}</Link>
                </td>
                <td data-label={t('admin.displayName')}>{a.displayName}</td>
                <td data-label={t('admin.roles')}>
                  {a.grants.map((g, i) => (
                    <div key={i}>
                      {roleLabel(g.role)} — {agencyName(g.agencyId)}
                    </div>
                  ))}
                </td>
                <td data-label={t('dossier.status')}>
                  {a.lockedUntil && new Date(a.lockedUntil) > new Date() ? (
                    <>
                      <strong className="tag tag--red">{t('admin.locked', { until: dateTime(a.lockedUntil) })}</strong>{' '}
                      <button type="button" className="link-button" onClick={() => void unlock(a.id)}>
                        {t('admin.unlock')}
                        <span className="visually-hidden"> {a.username}</span>
                      </button>
                    </>
                  ) : a.active ? (
                    <strong className="tag tag--green">{t('admin.active')}</strong>
                  ) : (
                    <strong className="tag tag--grey">{t('admin.inactive')}</strong>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </>
  );
}

interface GrantRow {
  role: string;
  agencyId: string;
  includeSubAgencies: boolean;
}

function GrantsEditor({ grants, onChange, agencies }: { grants: GrantRow[]; onChange(g: GrantRow[]): void; agencies: Agency[] }) {
  const { t, lang } = useI18n();
  const roleLabel = useRoleLabel();
  return (
    <fieldset className="fieldset-box">
      <legend>{t('admin.roles')}</legend>
      {grants.map((g, i) => (
        <div key={i} className="builder__field">
          <Select id={`grant-${i}-role`} label={t('admin.roleN', { n: i + 1 })} value={g.role} onChange={(v) => onChange(grants.map((x, j) => (j === i ? { ...x, role: v } : x)))} options={ROLES.map((r) => ({ value: r, label: roleLabel(r) }))} />
          <Select
            id={`grant-${i}-agency`}
            label={t('admin.roleAgencyN', { n: i + 1 })}
            value={g.agencyId}
            placeholder={t('form.choose')}
            onChange={(v) => onChange(grants.map((x, j) => (j === i ? { ...x, agencyId: v } : x)))}
            options={agencies.map((a) => ({ value: a.id, label: `${lang === 'en' ? a.nameEn : a.name} (${a.code})` }))}
          />
          <Checkbox id={`grant-${i}-sub`} label={t('admin.includeSub')} checked={g.includeSubAgencies} onChange={(v) => onChange(grants.map((x, j) => (j === i ? { ...x, includeSubAgencies: v } : x)))} />
          <button type="button" className="button button--secondary" onClick={() => onChange(grants.filter((_, j) => j !== i))}>
            {t('admin.removeRole', { n: i + 1 })}
          </button>
        </div>
      ))}
      <button type="button" className="button button--secondary" onClick={() => onChange([...grants, { role: 'specialist', agencyId: '', includeSubAgencies: false }])}>
        {t('admin.addRole')}
      </button>
    </fieldset>
  );
}

function grantErrors(grants: GrantRow[], t: (k: 'admin.roleAgencyMissing', p: { n: number }) => string): SummaryError[] {
  return grants.flatMap((g, i) => (g.agencyId ? [] : [{ target: `grant-${i}-agency`, message: t('admin.roleAgencyMissing', { n: i + 1 }) }]));
}

export function AccountEdit({ id }: { id: string }) {
  const { t, lang } = useI18n();
  const list = useApi<Account[]>('/api/admin/accounts');
  const agencies = useApi<Agency[]>('/api/agencies');
  const account = list.data?.find((a) => a.id === id);
  const [grants, setGrants] = useState<GrantRow[] | null>(null);
  const [errors, setErrors] = useState<SummaryError[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [failure, setFailure] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  useEffect(() => {
    if (account && !grants) setGrants(account.grants.map((g: Grant) => ({ ...g })));
  }, [account, grants]);
  if (list.loading || agencies.loading) return <Loading />;
  if (!account || !grants) return <ProblemNotice error={list.error ?? agencies.error} />;
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const errs = grantErrors(grants, t);
    setErrors(errs);
    setAttempt((n) => n + 1);
    if (errs.length) return;
    setFailure(null);
    try {
      await api.put<Account>(`/api/admin/accounts/${id}/grants`, { grants });
      setNotice(t('admin.saved'));
    } catch (err) {
      if (err instanceof ApiError && err.fieldErrors.length) {
        setErrors(err.fieldErrors.map((f) => ({ target: null, message: f.message[lang] })));
        setAttempt((n) => n + 1);
      } else setFailure(err);
    }
  };
  return (
    <div className="narrow">
      <BackLink to="/quan-tri/nguoi-dung">{t('admin.usersTitle')}</BackLink>
      <ErrorSummary errors={errors} version={attempt} />
      <ProblemNotice error={failure} />
      {notice ? (
        <div className="notice notice--success" role="status">
          {notice}
        </div>
      ) : null}
      <PageHeading caption={account.username ?? undefined}>{account.displayName}</PageHeading>
      <form noValidate onSubmit={(e) => void onSubmit(e)}>
        <GrantsEditor grants={grants} onChange={setGrants} agencies={agencies.data ?? []} />
        <button type="submit" className="button">
          {t('admin.saveRoles')}
        </button>
      </form>
    </div>
  );
}

export function AccountNew() {
  const { t, lang } = useI18n();
  const agencies = useApi<Agency[]>('/api/agencies');
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [grants, setGrants] = useState<GrantRow[]>([{ role: 'specialist', agencyId: '', includeSubAgencies: false }]);
  const [errors, setErrors] = useState<SummaryError[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [failure, setFailure] = useState<unknown>(null);
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const errs: SummaryError[] = [];
    if (!isUsername(username)) errs.push({ target: 'acc-username', message: t('admin.usernameError') });
    if (!displayName.trim()) errs.push({ target: 'acc-name', message: t('action.required', { field: t('admin.displayName') }) });
    if (password.length < 10 || !/\p{L}/u.test(password) || !/\d/.test(password)) errs.push({ target: 'acc-password', message: t('admin.passwordError') });
    errs.push(...grantErrors(grants, t));
    setErrors(errs);
    setAttempt((n) => n + 1);
    if (errs.length) return;
    setFailure(null);
    try {
      const a = await api.post<Account>('/api/admin/accounts', { kind: 'officer', username, displayName: displayName.trim(), email: email.trim() || null, password, grants });
      navigate(`/quan-tri/nguoi-dung/${a.id}`);
    } catch (err) {
      if (err instanceof ApiError && err.fieldErrors.length) {
        setErrors(err.fieldErrors.map((f) => ({ target: null, message: f.message[lang] })));
        setAttempt((n) => n + 1);
      } else setFailure(err);
    }
  };
  const err = (k: string) => errors.find((x) => x.target === k)?.message;
  return (
    <div className="narrow">
      <BackLink to="/quan-tri/nguoi-dung">{t('admin.usersTitle')}</BackLink>
      <ErrorSummary errors={errors} version={attempt} />
      <ProblemNotice error={failure} />
      <PageHeading>{t('admin.userNew')}</PageHeading>
      <form noValidate onSubmit={(e) => void onSubmit(e)}>
        <TextInput id="acc-username" label={t('admin.username')} value={username} onChange={setUsername} error={err('acc-username')} autoComplete="off" spellCheck={false} width="w20" />
        <TextInput id="acc-name" label={t('admin.displayName')} value={displayName} onChange={setDisplayName} error={err('acc-name')} autoComplete="off" />
        <TextInput id="acc-email" type="email" label={t('admin.email')} hint={t('form.optional')} value={email} onChange={setEmail} autoComplete="off" />
        <TextInput id="acc-password" type="password" label={t('admin.password')} hint={t('admin.passwordHint')} value={password} onChange={setPassword} error={err('acc-password')} autoComplete="new-password" width="w20" />
        <GrantsEditor grants={grants} onChange={setGrants} agencies={agencies.data ?? []} />
        <button type="submit" className="button">
          {t('admin.createUser')}
        </button>
      </form>
    </div>
  );
}
