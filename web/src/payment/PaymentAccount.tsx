/**
 * How an agency collects fees (agency admin): the bank account VietQR transfers go to (bank, account number, account
 * name) and the methods offered to payers, the first one checked being the default.
 */
import { useEffect, useState, type FormEvent } from 'react';
import type { Agency } from '@shared/api/geography';
import { ApiError, withQuery } from '../api/client';
import { newIdempotencyKey } from '../api/dossier';
import { paymentApi, type AccountBody, type PaymentAccount } from '../api/payment';
import { navigate, useQuery } from '../app/router';
import { hasRole, useSession } from '../app/session';
import { useI18n } from '../i18n';
import type { MessageKey } from '../i18n/vi';
import { ErrorSummary, type SummaryError } from '../ui/ErrorSummary';
import { Checkbox, ErrorMessage, Select, TextInput } from '../ui/Fields';
import { Loading, PageHeading } from '../ui/Page';
import { ProblemNotice } from '../ui/Problem';
import { useApi } from '../ui/useApi';
import { agenciesInScope } from './scope';

type Provider = PaymentAccount['providers'][number];
const FIELD_IDS: Record<string, string> = { providers: 'pa-providers', bank_bin: 'pa-bank', account_number: 'pa-number', account_name: 'pa-name' };

export function PaymentAccountPage() {
  const { t, lang } = useI18n();
  const { session } = useSession();
  const q = useQuery();
  const agencies = useApi<Agency[]>('/api/agencies');
  const platform = hasRole(session, 'platform_admin');
  const mine = agenciesInScope(session, agencies.data, ['agency_admin']);
  const choices = platform ? (agencies.data ?? []).map((a) => a.id) : mine;
  const agencyId = q.get('co-quan') ?? mine[0] ?? '';
  const [account, setAccount] = useState<PaymentAccount | null>(null);
  const [form, setForm] = useState({ bank: '', number: '', name: '' });
  const [providers, setProviders] = useState<Provider[]>([]);
  const [errors, setErrors] = useState<SummaryError[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [failure, setFailure] = useState<unknown>(null);
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!agencyId) return;
    let live = true;
    setAccount(null);
    setFailure(null);
    setStatus('');
    setErrors([]);
    paymentApi.account(agencyId).then(
      (a) => {
        if (!live) return;
        setAccount(a);
        setForm({ bank: a.bank_bin ?? '', number: a.account_number ?? '', name: a.account_name ?? '' });
        setProviders(a.providers);
      },
      (e) => live && setFailure(e),
    );
    return () => {
      live = false;
    };
  }, [agencyId]);

  const title = t('payAdmin.title');
  const name = (id: string) => agencies.data?.find((a) => a.id === id)?.name ?? '';
  if (!agencyId) {
    return (
      <>
        <PageHeading>{title}</PageHeading>
        <p>{t('payAdmin.noAgency')}</p>
      </>
    );
  }
  // The methods in the order they are offered: the saved order first, then the others the platform has.
  const order: Provider[] = account ? [...account.providers, ...account.available_providers.filter((k) => !account.providers.includes(k))] : [];
  const errorOf = (id: string) => errors.find((x) => x.target === id)?.message ?? null;

  const save = async (e: FormEvent) => {
    e.preventDefault();
    const chosen = order.filter((k) => providers.includes(k));
    const errs: SummaryError[] = [];
    if (!chosen.length) errs.push({ target: 'pa-providers', message: t('payAdmin.providersMissing') });
    const number = form.number.replace(/\s+/g, '');
    const needsAccount = chosen.includes('vietqr');
    if (needsAccount && !form.bank) errs.push({ target: 'pa-bank', message: t('payAdmin.bankMissing') });
    if (number && !/^[0-9A-Za-z]{1,19}$/.test(number)) errs.push({ target: 'pa-number', message: t('payAdmin.numberInvalid') });
    else if (needsAccount && !number) errs.push({ target: 'pa-number', message: t('payAdmin.numberMissing') });
    if (needsAccount && !form.name.trim()) errs.push({ target: 'pa-name', message: t('payAdmin.nameMissing') });
    setErrors(errs);
    setAttempt((n) => n + 1);
    setStatus('');
    if (errs.length) return;
    setBusy(true);
    setFailure(null);
    try {
      const body: AccountBody = { providers: chosen, bank_bin: form.bank || null, account_number: number || null, account_name: form.name.trim() || null };
      const saved = await paymentApi.setAccount(agencyId, body, newIdempotencyKey());
      setAccount(saved);
      setProviders(saved.providers);
      setStatus(t('payAdmin.saved'));
    } catch (err) {
      if (err instanceof ApiError && err.fieldErrors.length) {
        setErrors(err.fieldErrors.map((f) => ({ target: FIELD_IDS[f.field.replace(/^\//, '').split('/')[0]] ?? 'pa-bank', message: f.message[lang] ?? f.message.vi })));
        setAttempt((n) => n + 1);
      } else setFailure(err);
    } finally {
      setBusy(false);
    }
  };

  const providersError = errorOf('pa-providers');
  return (
    <div className="narrow">
      <ErrorSummary errors={errors} version={attempt} />
      <PageHeading title={title}>{title}</PageHeading>
      {choices.length > 1 ? (
        <Select id="pa-agency" label={t('payAdmin.agency')} value={agencyId} onChange={(v) => navigate(withQuery('/quan-tri/thanh-toan', { 'co-quan': v }), { replace: true })} options={choices.map((id) => ({ value: id, label: name(id) || id }))} />
      ) : (
        <p>{name(agencyId)}</p>
      )}
      <p>{t('payAdmin.lead')}</p>
      <div role="status" aria-live="polite" className={status ? 'notice notice--success' : undefined}>
        {status}
      </div>
      <ProblemNotice error={failure} />
      {!account ? (
        failure ? null : <Loading />
      ) : (
        <form noValidate onSubmit={(e) => void save(e)}>
          <div className={`form-group${providersError ? ' form-group--error' : ''}`}>
            <fieldset aria-describedby={`pa-providers-hint${providersError ? ' pa-providers-error' : ''}`}>
              <legend>{t('payAdmin.providers')}</legend>
              <span className="hint" id="pa-providers-hint">
                {t('payAdmin.providersHint')}
              </span>
              {providersError ? <ErrorMessage id="pa-providers-error">{providersError}</ErrorMessage> : null}
              {order.map((k, i) => (
                <Checkbox
                  key={k}
                  id={i === 0 ? 'pa-providers' : `pa-provider-${k}`}
                  label={t(`payAdmin.provider.${k}` as MessageKey)}
                  checked={providers.includes(k)}
                  onChange={(on) => setProviders((xs) => (on ? [...xs, k] : xs.filter((x) => x !== k)))}
                />
              ))}
            </fieldset>
          </div>
          <Select id="pa-bank" label={t('payAdmin.bank')} value={form.bank} onChange={(v) => setForm({ ...form, bank: v })} options={account.banks.map((b) => ({ value: b.bin, label: `${b.name} (${b.bin})` }))} placeholder={t('payAdmin.bankChoose')} error={errorOf('pa-bank')} />
          <TextInput id="pa-number" label={t('payAdmin.number')} hint={t('payAdmin.numberHint')} value={form.number} onChange={(v) => setForm({ ...form, number: v })} error={errorOf('pa-number')} inputMode="numeric" spellCheck={false} width="w20" maxLength={30} />
          <TextInput id="pa-name" label={t('payAdmin.name')} hint={t('payAdmin.nameHint')} value={form.name} onChange={(v) => setForm({ ...form, name: v })} error={errorOf('pa-name')} maxLength={100} />
          <button type="submit" className="button" disabled={busy}>
            {t('payAdmin.save')}
          </button>
        </form>
      )}
    </div>
  );
}
