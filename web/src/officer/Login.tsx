import { useState, type FormEvent } from 'react';
import { navigate, useLocation, useQuery } from '../app/router';
import { useSession } from '../app/session';
import { useI18n } from '../i18n';
import { ErrorSummary, type SummaryError } from '../ui/ErrorSummary';
import { TextInput } from '../ui/Fields';
import { PageHeading } from '../ui/Page';
import { problemText } from '../ui/Problem';

/** Officer and administrator sign-in with username and password. */
export function OfficerLogin() {
  const { t, lang } = useI18n();
  const { login } = useSession();
  const loc = useLocation();
  const query = useQuery();
  // Shown in place of a page that needs a session: come back to that page after signing in.
  const here = loc.pathname !== '/can-bo/dang-nhap' ? loc.pathname + loc.search : '';
  const returnTo = here || (query.get('tiep') ?? '');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<SummaryError[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const errs: SummaryError[] = [];
    if (!username.trim()) errs.push({ target: 'username', message: t('login.usernameMissing') });
    if (!password) errs.push({ target: 'password', message: t('login.passwordMissing') });
    setErrors(errs);
    setAttempt((n) => n + 1);
    if (errs.length) return;
    setBusy(true);
    try {
      const s = await login(username.trim(), password);
      const admin = s.grants.some((g) => g.role === 'platform_admin' || g.role === 'agency_admin');
      const officer = s.grants.some((g) => g.role !== 'platform_admin');
      const safe = returnTo.startsWith('/') && !returnTo.startsWith('//') ? returnTo : '';
      navigate(safe || (officer ? '/can-bo' : admin ? '/quan-tri' : '/can-bo'), { replace: !!here });
    } catch (err) {
      const p = problemText(err, lang);
      setErrors([{ target: 'username', message: p.detail ? `${p.title}. ${p.detail}` : p.title }]);
      setAttempt((n) => n + 1);
      setBusy(false);
    }
  };
  const fieldError = (id: string) => errors.find((e) => e.target === id)?.message;
  return (
    <div className="narrow">
      <ErrorSummary errors={errors} version={attempt} />
      <PageHeading>{t('login.title')}</PageHeading>
      <p>{t('login.lead')}</p>
      <form noValidate onSubmit={(e) => void onSubmit(e)}>
        <TextInput id="username" label={t('login.username')} value={username} onChange={setUsername} autoComplete="username" spellCheck={false} error={fieldError('username')} width="w20" />
        <TextInput id="password" type="password" label={t('login.password')} value={password} onChange={setPassword} autoComplete="current-password" error={fieldError('password')} width="w20" />
        <button type="submit" className="button" disabled={busy}>
          {t('login.submit')}
        </button>
      </form>
      <p className="secondary-text">{t('login.citizenNote')}</p>
    </div>
  );
}
