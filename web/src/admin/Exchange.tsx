/**
 * Trao đổi dữ liệu (the agency-to-agency exchange): this node's subsystem id and global configuration, the services
 * it offers, and which other agencies' subsystems may call each (the providing agency's admin grants and revokes).
 */
import { useState } from 'react';
import { api } from '../api/client';
import { useI18n } from '../i18n';
import { ErrorSummary, type SummaryError } from '../ui/ErrorSummary';
import { Select, TextInput } from '../ui/Fields';
import { Loading, PageHeading } from '../ui/Page';
import { ProblemNotice } from '../ui/Problem';
import { useApi } from '../ui/useApi';
import { newKey } from '../notify/pages';

interface Status {
  id: string;
  globalConf: { version: number; instance: string; issuedAt: string; expiresAt: string; members: number } | null;
  lastRefusal: { at: string; reason: string } | null;
  authority: boolean;
  services: Array<{ code: string; title: { vi: string; en: string }; personalData: boolean }>;
}
interface Right {
  id: string;
  serviceCode: string;
  client: string;
  grantedAt: string;
  grantedBy: string;
}

const CLIENT_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}(\/[A-Za-z0-9][A-Za-z0-9._:-]{0,99}){3}$/;

export function ExchangeAdmin() {
  const { t, pick, dateTime } = useI18n();
  const status = useApi<Status>('/api/admin/exchange/status');
  const rights = useApi<Right[]>('/api/admin/exchange/access-rights');
  const [service, setService] = useState('');
  const [client, setClient] = useState('');
  const [errors, setErrors] = useState<SummaryError[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [failure, setFailure] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const grant = async () => {
    const errs: SummaryError[] = [];
    if (!service) errs.push({ target: 'xr-service', message: t('action.required', { field: t('exchange.service') }) });
    if (!CLIENT_ID.test(client.trim())) errs.push({ target: 'xr-client', message: t('exchange.badClient') });
    setErrors(errs);
    setAttempt((n) => n + 1);
    if (errs.length) return;
    setFailure(null);
    try {
      await api.post('/api/admin/exchange/access-rights', { serviceCode: service, client: client.trim() }, { headers: { 'idempotency-key': newKey() } });
      setNotice(t('exchange.granted'));
      setClient('');
      rights.reload();
    } catch (e) {
      setFailure(e);
    }
  };
  const revoke = async (r: Right) => {
    setFailure(null);
    try {
      await api.delete(`/api/admin/exchange/access-rights/${r.id}`, { headers: { 'idempotency-key': newKey() } });
      setNotice(t('exchange.revoked'));
      rights.reload();
    } catch (e) {
      setFailure(e);
    }
  };

  const titleOf = (code: string) => {
    const s = status.data?.services.find((x) => x.code === code);
    return s ? pick(s.title) : code;
  };
  const errMap = new Map(errors.filter((e) => e.target).map((e) => [e.target!, e.message]));
  return (
    <>
      <ErrorSummary errors={errors} version={attempt} />
      <ProblemNotice error={failure ?? status.error ?? rights.error} />
      {notice ? (
        <div className="notice notice--success" role="status">
          {notice}
        </div>
      ) : null}
      <PageHeading>{t('exchange.title')}</PageHeading>
      {status.loading ? <Loading /> : null}
      {status.data ? (
        <dl className="summary-list">
          <div>
            <dt>{t('exchange.nodeId')}</dt>
            <dd>
              <code>{status.data.id}</code>
            </dd>
          </div>
          <div>
            <dt>{t('exchange.globalConf')}</dt>
            <dd>{status.data.globalConf ? t('exchange.confVersion', { version: status.data.globalConf.version, members: status.data.globalConf.members, expires: dateTime(status.data.globalConf.expiresAt) }) : t('exchange.noConf')}</dd>
          </div>
          {status.data.lastRefusal ? (
            <div>
              <dt>{t('exchange.lastRefusal')}</dt>
              <dd>
                {dateTime(status.data.lastRefusal.at)}: <code>{status.data.lastRefusal.reason}</code>
              </dd>
            </div>
          ) : null}
        </dl>
      ) : null}
      <h2>{t('exchange.rights')}</h2>
      {rights.loading ? <Loading /> : null}
      {rights.data ? (
        rights.data.length === 0 ? (
          <p>{t('exchange.noRights')}</p>
        ) : (
          <table className="responsive-table">
            <caption>{t('exchange.rightsCaption', { n: rights.data.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('exchange.service')}</th>
                <th scope="col">{t('exchange.client')}</th>
                <th scope="col">{t('exchange.grantedAt')}</th>
                <th scope="col">{t('exchange.action')}</th>
              </tr>
            </thead>
            <tbody>
              {rights.data.map((r) => (
                <tr key={r.id}>
                  <td data-label={t('exchange.service')}>{titleOf(r.serviceCode)}</td>
                  <td data-label={t('exchange.client')}>
                    <code>{r.client}</code>
                  </td>
                  <td data-label={t('exchange.grantedAt')}>{dateTime(r.grantedAt)}</td>
                  <td data-label={t('exchange.action')}>
                    <button type="button" className="button button--secondary" onClick={() => void revoke(r)}>
                      {t('exchange.revoke')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )
      ) : null}
      <h2>{t('exchange.grantTitle')}</h2>
      <div className="narrow">
        <Select id="xr-service" label={t('exchange.service')} value={service} onChange={setService} error={errMap.get('xr-service')} options={[{ value: '', label: t('exchange.choose') }, ...(status.data?.services ?? []).map((s) => ({ value: s.code, label: pick(s.title) }))]} />
        <TextInput id="xr-client" label={t('exchange.client')} hint={
            <>
              {t('exchange.clientHint')} <code>VN/GOV/000.00.00.H31/motcua</code>
            </>
          } value={client} onChange={setClient} error={errMap.get('xr-client')} />
        <button type="button" className="button" onClick={() => void grant()}>
          {t('exchange.grant')}
        </button>
      </div>
    </>
  );
}
