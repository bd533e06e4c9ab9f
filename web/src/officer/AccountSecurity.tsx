/**
 * Account security (bảo mật tài khoản) of an officer: the second factor. Enrolment shows the secret as a QR code
 * and as text, confirms it with a first code, then shows the recovery codes once.
 */
import { useEffect, useState, type FormEvent } from 'react';
import QRCode from 'qrcode';
import { startRegistration, type PublicKeyCredentialCreationOptionsJSON } from '@simplewebauthn/browser';
import { api } from '../api/client';
import type { SecondFactorStatus, TotpEnrolment } from '../api/types';
import { useSession } from '../app/session';
import { useI18n } from '../i18n';
import { ErrorSummary, type SummaryError } from '../ui/ErrorSummary';
import { TextInput } from '../ui/Fields';
import { Loading, PageHeading } from '../ui/Page';
import { ProblemNotice, problemText } from '../ui/Problem';

export function AccountSecurity() {
  const { t, lang, date } = useI18n();
  const { refresh } = useSession();
  const [status, setStatus] = useState<SecondFactorStatus | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [enrolment, setEnrolment] = useState<TotpEnrolment | null>(null);
  const [qr, setQr] = useState<string | null>(null);
  const [code, setCode] = useState('');
  const [codes, setCodes] = useState<string[] | null>(null);
  const [passkeyName, setPasskeyName] = useState('');
  const [passkeyAdded, setPasskeyAdded] = useState(false);
  const [errors, setErrors] = useState<SummaryError[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);

  const load = () =>
    api
      .get<SecondFactorStatus>('/api/auth/second-factor')
      .then(setStatus)
      .catch((e: unknown) => setLoadError(e));
  useEffect(() => {
    void load();
  }, []);
  useEffect(() => {
    if (!enrolment) return;
    let live = true;
    QRCode.toString(enrolment.otpauthUri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 })
      .then((s) => live && setQr(s))
      .catch(() => live && setQr(null));
    return () => {
      live = false;
    };
  }, [enrolment]);

  const fail = (err: unknown, target: string) => {
    const p = problemText(err, lang);
    setErrors([{ target, message: p.detail ? `${p.title}. ${p.detail}` : p.title }]);
    setAttempt((n) => n + 1);
  };

  const start = async () => {
    setBusy(true);
    try {
      setEnrolment(await api.post<TotpEnrolment>('/api/auth/second-factor/totp'));
      setErrors([]);
    } catch (err) {
      fail(err, 'start');
    }
    setBusy(false);
  };

  const confirm = async (e: FormEvent) => {
    e.preventDefault();
    const value = code.replace(/\s/g, '');
    if (!/^\d{6}$/.test(value)) {
      setErrors([{ target: 'totp-code', message: t(value ? 'login.codeFormat' : 'login.codeMissing') }]);
      setAttempt((n) => n + 1);
      return;
    }
    setBusy(true);
    try {
      const r = await api.post<{ recoveryCodes: string[] }>('/api/auth/second-factor/totp/confirm', { code: value });
      setCodes(r.recoveryCodes);
      setEnrolment(null);
      setErrors([]);
      // The session is refreshed only once the codes are saved: an officer held here would otherwise be taken to
      // the page they asked for before seeing them.
      await load();
    } catch (err) {
      fail(err, 'totp-code');
    }
    setBusy(false);
  };

  const addPasskey = async (e: FormEvent) => {
    e.preventDefault();
    const name = passkeyName.trim();
    if (!name) {
      setErrors([{ target: 'passkey-name', message: t('security.passkeyNameMissing') }]);
      setAttempt((n) => n + 1);
      return;
    }
    setBusy(true);
    setPasskeyAdded(false);
    try {
      const optionsJSON = await api.post<PublicKeyCredentialCreationOptionsJSON>('/api/auth/second-factor/passkeys/options');
      let credential;
      try {
        credential = await startRegistration({ optionsJSON });
      } catch {
        throw new Error(t('security.passkeyFailed'));
      }
      await api.post('/api/auth/second-factor/passkeys', { name, credential });
      setPasskeyName('');
      setPasskeyAdded(true);
      setErrors([]);
      await load();
      if (!status?.totp.enrolled) await refresh();
    } catch (err) {
      fail(err, 'passkey-name');
    }
    setBusy(false);
  };

  if (loadError) return <ProblemNotice error={loadError} />;
  if (!status) return <Loading />;
  const fieldError = (id: string) => errors.find((x) => x.target === id)?.message;

  return (
    <div className="narrow">
      <ErrorSummary errors={errors} version={attempt} />
      <PageHeading>{t('security.title')}</PageHeading>
      <p>{t('security.lead')}</p>
      {status.required && !status.totp.enrolled ? (
        <div className="notice notice--warning" role="alert">
          <p>{t('security.required')}</p>
        </div>
      ) : null}

      {codes ? (
        <section aria-labelledby="codes-title">
          <h2 id="codes-title">{t('security.codesTitle')}</h2>
          <div className="notice notice--success" role="status">
            <p>{t('security.enabledNow')}</p>
          </div>
          <p>{t('security.codesLead')}</p>
          <ul className="recovery-codes" aria-labelledby="codes-title">
            {codes.map((c) => (
              <li key={c}>
                <code>{c}</code>
              </li>
            ))}
          </ul>
          <button
            type="button"
            className="button"
            onClick={() => {
              setCodes(null);
              void refresh();
            }}
          >
            {t('security.codesDone')}
          </button>
        </section>
      ) : null}

      {!codes ? (
        <section aria-labelledby="totp-title">
          <h2 id="totp-title">{t('security.totpTitle')}</h2>
          {status.totp.enrolled ? (
            <>
              <p>{t('security.enrolled', { date: date(status.totp.enrolledAt) })}</p>
              <p>{t('security.recoveryLeft', { count: status.recoveryCodesLeft })}</p>
            </>
          ) : enrolment ? (
            <>
              <p>{t('security.step1')}</p>
              {qr ? (
                <p className="totp-qr">
                  <img src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(qr)}`} alt={t('security.qrAlt')} width={200} height={200} />
                </p>
              ) : null}
              <p>
                {t('security.secret')}:{' '}
                <code className="totp-secret" data-testid="totp-secret">
                  {enrolment.secret.replace(/(.{4})/g, '$1 ').trim()}
                </code>
              </p>
              <form noValidate onSubmit={(e) => void confirm(e)}>
                <h3>{t('security.step2')}</h3>
                <TextInput id="totp-code" label={t('login.code')} hint={t('login.codeHint')} value={code} onChange={setCode} autoComplete="one-time-code" inputMode="numeric" maxLength={6} spellCheck={false} error={fieldError('totp-code')} width="w10" />
                <button type="submit" className="button" disabled={busy}>
                  {t('security.confirm')}
                </button>
              </form>
            </>
          ) : (
            <>
              <p>{t('security.notEnrolled')}</p>
              <button id="start" type="button" className="button" disabled={busy} onClick={() => void start()}>
                {t('security.start')}
              </button>
            </>
          )}
        </section>
      ) : null}

      {!codes ? (
        <section aria-labelledby="passkeys-title">
          <h2 id="passkeys-title">{t('security.passkeysTitle')}</h2>
          <p>{t('security.passkeysLead')}</p>
          {passkeyAdded ? (
            <div className="notice notice--success" role="status">
              <p>{t('security.passkeyAdded')}</p>
            </div>
          ) : null}
          {status.passkeys.length ? (
            <ul className="passkeys">
              {status.passkeys.map((k) => (
                <li key={k.id}>
                  {k.name} — {t('security.passkeyCreated', { date: date(k.createdAt) })}
                </li>
              ))}
            </ul>
          ) : (
            <p>{t('security.passkeysNone')}</p>
          )}
          <form noValidate onSubmit={(e) => void addPasskey(e)}>
            <TextInput id="passkey-name" label={t('security.passkeyName')} hint={t('security.passkeyNameHint')} value={passkeyName} onChange={setPasskeyName} maxLength={100} error={fieldError('passkey-name')} width="w20" />
            <button type="submit" className="button button--secondary" disabled={busy}>
              {t('security.passkeyAdd')}
            </button>
          </form>
        </section>
      ) : null}
    </div>
  );
}
