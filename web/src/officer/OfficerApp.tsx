import { useRoutes, useLocation, type RouteDef } from '../app/router';
import { useSession } from '../app/session';
import { Loading } from '../ui/Page';
import { NotFound } from '../citizen/routes';
import { FormSectionPage } from '../dossier/flow/FormSectionPage';
import { AttachmentsPage } from '../dossier/flow/AttachmentsPage';
import { ReviewPage } from '../dossier/flow/ReviewPage';
import { ConfirmationPage } from '../dossier/flow/ConfirmationPage';
import { ReceiptPage } from '../dossier/flow/ReceiptPage';
import { OfficerLogin } from './Login';
import { AccountSecurity } from './AccountSecurity';
import { Inbox } from './Inbox';
import { Workspace } from './Workspace';
import { ActionPage } from './actionForms';
import { CounterStart } from './Counter';
import { OfficerSearch } from './Search';
import { PetitionInbox, PetitionWorkspace } from '../voice/OfficerPetitions';
import { OfficerAssistantPage } from '../voice/OfficerAssistant';
import { Reconciliation } from '../payment/Reconciliation';
import { AnalyticsDashboard } from '../analytics/Dashboard';
import { ObligationDashboard, OfficerSupervision } from '../supervision/pages';
import { SessionsPage } from './Sessions';
import { MeetingList, MeetingPage } from '../meeting/pages';
import { InspectionList, InspectionPage } from '../inspection/pages';
import { PublishPage as OpenDataPublish } from '../opendata/publish';
import { ExchangePage, TransferPage } from '../exchange/pages';
import { InboxPage as NotificationsPage, PreferencesPage as NotificationPreferencesPage } from '../notify/pages';

const counter = (id: string) => `/can-bo/nop/${id}`;

const ROUTES: RouteDef[] = [
  { path: '/can-bo', render: () => <Inbox /> },
  { path: '/can-bo/tim-kiem', render: () => <OfficerSearch /> },
  { path: '/can-bo/tiep-nhan', render: () => <CounterStart /> },
  { path: '/can-bo/ho-so/:id', render: (p) => <Workspace key={p.id} id={p.id} /> },
  { path: '/can-bo/ho-so/:id/thao-tac/:action', render: (p) => <ActionPage key={`${p.id}/${p.action}`} id={p.id} slug={p.action} /> },
  { path: '/can-bo/ho-so/:id/lien-thong', render: (p) => <TransferPage key={p.id} id={p.id} /> },
  { path: '/can-bo/ho-so/:id/bien-nhan', render: (p) => <ReceiptPage key={p.id} id={p.id} back={`/can-bo/ho-so/${p.id}`} /> },
  { path: '/can-bo/nop/:id/khai', render: (p) => <FormSectionPage key={p.id} id={p.id} base={counter(p.id)} /> },
  { path: '/can-bo/nop/:id/khai/:section', render: (p) => <FormSectionPage key={p.id} id={p.id} sectionId={p.section} base={counter(p.id)} /> },
  { path: '/can-bo/nop/:id/dinh-kem', render: (p) => <AttachmentsPage key={p.id} id={p.id} base={counter(p.id)} /> },
  { path: '/can-bo/nop/:id/kiem-tra', render: (p) => <ReviewPage key={p.id} id={p.id} base={counter(p.id)} after={(id) => `/can-bo/nop/${id}/da-nop`} /> },
  { path: '/can-bo/nop/:id/da-nop', render: (p) => <ConfirmationPage key={p.id} id={p.id} officer /> },
  { path: '/can-bo/phan-anh', render: () => <PetitionInbox /> },
  { path: '/can-bo/tro-ly', render: () => <OfficerAssistantPage /> },
  { path: '/can-bo/phan-anh/:id', render: (p) => <PetitionWorkspace key={p.id} id={p.id} /> },
  { path: '/can-bo/doi-soat', render: () => <Reconciliation /> },
  { path: '/can-bo/thong-ke', render: () => <AnalyticsDashboard /> },
  { path: '/can-bo/giam-sat', render: () => <OfficerSupervision /> },
  { path: '/can-bo/giam-sat/:id', render: (p) => <ObligationDashboard key={p.id} id={p.id} /> },
  { path: '/can-bo/hop', render: () => <MeetingList area="officer" /> },
  { path: '/can-bo/hop/:id', render: (p) => <MeetingPage key={p.id} id={p.id} area="officer" /> },
  { path: '/can-bo/lien-thong', render: () => <ExchangePage /> },
  { path: '/can-bo/kiem-tra', render: () => <InspectionList area="officer" /> },
  { path: '/can-bo/kiem-tra/:id', render: (p) => <InspectionPage key={p.id} id={p.id} area="officer" /> },
  { path: '/can-bo/du-lieu-mo', render: () => <OpenDataPublish /> },
  { path: '/can-bo/phien-dang-nhap', render: () => <SessionsPage /> },
  { path: '/can-bo/thong-bao', render: () => <NotificationsPage area="officer" /> },
  { path: '/can-bo/bao-mat', render: () => <AccountSecurity /> },
  { path: '/can-bo/thong-bao/cai-dat', render: () => <NotificationPreferencesPage area="officer" /> },
];

/** The back office (loaded as its own chunk). Every page but the login needs an officer session. */
export default function OfficerApp() {
  const { session, loading } = useSession();
  const loc = useLocation();
  const page = useRoutes(ROUTES, () => <NotFound />);
  if (loc.pathname === '/can-bo/dang-nhap') return <OfficerLogin />;
  if (loading) return <Loading />;
  if (!session || session.kind === 'citizen') return <OfficerLogin />;
  // A role that requires a second factor, none enrolled: only enrolment until there is one.
  if (session.secondFactorRequired) return <AccountSecurity />;
  return page;
}
