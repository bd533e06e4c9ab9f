import { useState, type FormEvent } from 'react';
import { navigate, useLocation, useQuery } from '../app/router';
import { useSession } from '../app/session';
import { useI18n } from '../i18n';
import { ErrorSummary, type SummaryError } from '../ui/ErrorSummary';
import { TextInput } from '../ui/Fields';
import { PageHeading } from '../ui/Page';
import { problemText } from '../ui/Problem';
import { ApiError } from '../api/client';
import type { Session } from '../api/types';

/** Officer and administrator sign-in with username and password. */
export function OfficerLogin() {
  const { t, lang } = useI18n();
  const { login, loginSecondFactor, loginPasskey } = useSession();
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
  /** The password was accepted and the account has a second factor: the code is asked for next. */
  const [challenge, setChallenge] = useState<string | null>(null);
  const [methods, setMethods] = useState<string[]>([]);
  const [recovery, setRecovery] = useState(false);
  const [code, setCode] = useState('');

  const enter = (s: Session) => {
    const admin = s.grants.some((g) => g.role === 'platform_admin' || g.role === 'agency_admin');
    const officer = s.grants.some((g) => g.role !== 'platform_admin');
    const safe = returnTo.startsWith('/') && !returnTo.startsWith('//') ? returnTo : '';
    // A role that requires a second factor, none enrolled yet: enrolment comes first.
    if (s.secondFactorRequired) return navigate('/can-bo/bao-mat', { replace: !!here });
    navigate(safe || (officer ? '/can-bo' : admin ? '/quan-tri' : '/can-bo'), { replace: !!here });
  };
  const fail = (err: unknown, target: string) => {
    const p = problemText(err, lang);
    setErrors([{ target, message: p.detail ? `${p.title}. ${p.detail}` : p.title }]);
    setAttempt((n) => n + 1);
    setBusy(false);
  };

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
      const r = await login(username.trim(), password);
      if (r.session) return enter(r.session);
      setPassword('');
      setChallenge(r.challengeId);
      setMethods(r.methods);
      setBusy(false);
    } catch (err) {
      fail(err, 'username');
    }
  };

  const onCode = async (e: FormEvent) => {
    e.preventDefault();
    const value = code.replace(/\s/g, '');
    const errs: SummaryError[] = [];
    if (!value) errs.push({ target: 'code', message: t(recovery ? 'login.recoveryMissing' : 'login.codeMissing') });
    else if (!recovery && !/^\d{6}$/.test(value)) errs.push({ target: 'code', message: t('login.codeFormat') });
    setErrors(errs);
    setAttempt((n) => n + 1);
    if (errs.length || !challenge) return;
    setBusy(true);
    try {
      enter(await loginSecondFactor(challenge, value));
    } catch (err) {
      // An expired or spent challenge: back to the password.
      if (err instanceof ApiError && err.problem?.code === 'identity.second_factor_challenge_invalid') setChallenge(null);
      setCode('');
      fail(err, challenge ? 'code' : 'username');
    }
  };
  const onPasskey = async () => {
    if (!challenge) return;
    setBusy(true);
    try {
      enter(await loginPasskey(challenge));
    } catch (err) {
      if (err instanceof ApiError && err.problem?.code === 'identity.second_factor_challenge_invalid') setChallenge(null);
      fail(err instanceof ApiError ? err : new Error(t('login.passkeyFailed')), 'passkey');
    }
  };

  const fieldError = (id: string) => errors.find((e) => e.target === id)?.message;
  if (challenge) {
    const app = methods.includes('totp');
    return (
      <div className="narrow">
        <ErrorSummary errors={errors} version={attempt} />
        <PageHeading>{t('login.secondTitle')}</PageHeading>
        {methods.includes('webauthn') ? (
          <p>
            <button id="passkey" type="button" className="button" disabled={busy} onClick={() => void onPasskey()}>
              {t('login.usePasskey')}
            </button>
          </p>
        ) : null}
        {app ? (
          <>
        <p>{t(recovery ? 'login.recoveryLead' : 'login.codeLead')}</p>
        <form noValidate onSubmit={(e) => void onCode(e)}>
          <TextInput
            key={recovery ? 'recovery' : 'totp'}
            id="code"
            label={t(recovery ? 'login.recoveryCode' : 'login.code')}
            hint={recovery ? t('login.recoveryHint') : t('login.codeHint')}
            value={code}
            onChange={setCode}
            autoComplete="one-time-code"
            inputMode={recovery ? 'text' : 'numeric'}
            spellCheck={false}
            maxLength={recovery ? 20 : 6}
            error={fieldError('code')}
            width={recovery ? 'w20' : 'w10'}
          />
          <button type="submit" className="button" disabled={busy}>
            {t('login.verify')}
          </button>
        </form>
        <p>
          <button
            type="button"
            className="link-button"
            onClick={() => {
              setRecovery((r) => !r);
              setCode('');
              setErrors([]);
            }}
          >
            {t(recovery ? 'login.useApp' : 'login.useRecovery')}
          </button>
        </p>
          </>
        ) : null}
        <p>
          <button
            type="button"
            className="link-button"
            onClick={() => {
              setChallenge(null);
              setRecovery(false);
              setCode('');
              setErrors([]);
            }}
          >
            {t('login.startOver')}
          </button>
        </p>
      </div>
    );
  }
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
