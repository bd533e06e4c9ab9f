import { useRoutes, useLocation, type RouteDef } from '../app/router';
import { hasRole, useSession } from '../app/session';
import { useI18n } from '../i18n';
import { Loading, PageHeading } from '../ui/Page';
import { NotFound } from '../citizen/routes';
import { OfficerLogin } from '../officer/Login';
import { AccountSecurity } from '../officer/AccountSecurity';
import { ProcedureList, ProcedureVersions } from './Procedures';
import { NewProcedure } from './NewProcedure';
import { VersionEditor } from './VersionEditor';
import { AgencyEdit, AgencyList } from './Agencies';
import { AccountEdit, AccountList, AccountNew } from './Accounts';
import { Holidays } from './Holidays';
import { FaqAdmin } from './Faq';
import { PaymentAccountPage } from '../payment/PaymentAccount';
import { SenderPage, TemplateEditor, TemplatesPage } from '../notify/admin';
import { AuditLogPage } from '../audit/AuditLog';
import { ExchangeAdmin } from './Exchange';

const ROUTES: RouteDef[] = [
  { path: '/quan-tri', render: () => <ProcedureList /> },
  { path: '/quan-tri/thu-tuc', render: () => <ProcedureList /> },
  { path: '/quan-tri/thu-tuc/moi', render: () => <NewProcedure /> },
  { path: '/quan-tri/thu-tuc/:id', render: (p) => <ProcedureVersions key={p.id} procedureId={p.id} /> },
  { path: '/quan-tri/phien-ban/:versionId', render: (p) => <VersionEditor key={p.versionId} versionId={p.versionId} /> },
  { path: '/quan-tri/co-quan', render: () => <AgencyList /> },
  { path: '/quan-tri/co-quan/moi', render: () => <AgencyEdit /> },
  { path: '/quan-tri/co-quan/:id', render: (p) => <AgencyEdit key={p.id} id={p.id} /> },
  { path: '/quan-tri/nguoi-dung', render: () => <AccountList /> },
  { path: '/quan-tri/nguoi-dung/moi', render: () => <AccountNew /> },
  { path: '/quan-tri/nguoi-dung/:id', render: (p) => <AccountEdit key={p.id} id={p.id} /> },
  { path: '/quan-tri/ngay-nghi', render: () => <Holidays /> },
  { path: '/quan-tri/hoi-dap', render: () => <FaqAdmin /> },
  { path: '/quan-tri/thanh-toan', render: () => <PaymentAccountPage /> },
  { path: '/quan-tri/thong-bao', render: () => <TemplatesPage /> },
  { path: '/quan-tri/nhat-ky', render: () => <AuditLogPage /> },
  { path: '/quan-tri/trao-doi', render: () => <ExchangeAdmin /> },
  { path: '/quan-tri/thong-bao/nguoi-gui/:id', render: (p) => <SenderPage key={p.id} agencyId={p.id} /> },
  { path: '/quan-tri/thong-bao/:kind/:channel/:language', render: (p) => <TemplateEditor key={`${p.kind}/${p.channel}/${p.language}`} kind={p.kind} channel={p.channel} language={p.language} /> },
];

/** Administration (its own chunk): catalogue, agencies, accounts and roles, the calendar of each year. */
export default function AdminApp() {
  const { t } = useI18n();
  const { session, loading } = useSession();
  const { pathname } = useLocation();
  const page = useRoutes(ROUTES, () => <NotFound />);
  if (loading) return <Loading />;
  if (!session || session.kind === 'citizen') return <OfficerLogin />;
  if (session.secondFactorRequired) return <AccountSecurity />;
  // Inspectors (thanh tra) read the audit log and nothing else of the administration.
  const auditOnly = hasRole(session, 'inspector') && !hasRole(session, 'platform_admin', 'agency_admin');
  if (auditOnly && pathname === '/quan-tri') return <AuditLogPage />;
  if (!hasRole(session, 'platform_admin', 'agency_admin') && !(auditOnly && pathname.startsWith('/quan-tri/nhat-ky'))) {
    return (
      <>
        <PageHeading>{t('admin.forbidden')}</PageHeading>
        <p>{t('admin.forbiddenText')}</p>
      </>
    );
  }
  return page;
}
