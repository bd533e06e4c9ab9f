import { lazy } from 'react';
import { Link, useRoutes, type RouteDef } from '../app/router';
import { useI18n } from '../i18n';
import { PageHeading } from '../ui/Page';
import { Browse, SearchResults } from './Browse';
import { Home } from './Home';
import { ProcedurePage } from './ProcedurePage';

// Everything after "start online" (the e-form engine, uploads, dossiers) is one chunk, loaded when first needed.
const pages = () => import('./dossierPages');
const StartApplication = lazy(() => pages().then((m) => ({ default: m.StartApplication })));
const FormSectionPage = lazy(() => pages().then((m) => ({ default: m.FormSectionPage })));
const AttachmentsPage = lazy(() => pages().then((m) => ({ default: m.AttachmentsPage })));
const ReviewPage = lazy(() => pages().then((m) => ({ default: m.ReviewPage })));
const ConfirmationPage = lazy(() => pages().then((m) => ({ default: m.ConfirmationPage })));
const ReceiptPage = lazy(() => pages().then((m) => ({ default: m.ReceiptPage })));
const MyDossiers = lazy(() => pages().then((m) => ({ default: m.MyDossiers })));
const CitizenDossierPage = lazy(() => pages().then((m) => ({ default: m.CitizenDossierPage })));
const SupplementPage = lazy(() => pages().then((m) => ({ default: m.SupplementPage })));
const WithdrawPage = lazy(() => pages().then((m) => ({ default: m.WithdrawPage })));
const DossierPaymentPage = lazy(() => pages().then((m) => ({ default: m.DossierPaymentPage })));
const LookupPage = lazy(() => pages().then((m) => ({ default: m.LookupPage })));
const DataStorePage = lazy(() => pages().then((m) => ({ default: m.DataStorePage })));
const DataAccessPage = lazy(() => pages().then((m) => ({ default: m.DataAccessPage })));
const ConsentsPage = lazy(() => pages().then((m) => ({ default: m.ConsentsPage })));
const DataRequestsPage = lazy(() => pages().then((m) => ({ default: m.DataRequestsPage })));

const notify = () => import('../notify/pages');
const NotificationsPage = lazy(() => notify().then((m) => ({ default: () => <m.InboxPage area="citizen" /> })));
const NotificationPreferencesPage = lazy(() => notify().then((m) => ({ default: () => <m.PreferencesPage area="citizen" /> })));
const UnsubscribePage = lazy(() => notify().then((m) => ({ default: m.UnsubscribePage })));

const voice = () => import('../voice/pages');
const RatePage = lazy(() => voice().then((m) => ({ default: m.RatePage })));
const PetitionPage = lazy(() => voice().then((m) => ({ default: m.PetitionPage })));
const PetitionLookupPage = lazy(() => voice().then((m) => ({ default: m.PetitionLookupPage })));
const AssistantPage = lazy(() => voice().then((m) => ({ default: m.AssistantPage })));
const FaqPage = lazy(() => voice().then((m) => ({ default: m.FaqPage })));

const opendata = () => import('../opendata/pages');
const OpenDataSearch = lazy(() => opendata().then((m) => ({ default: m.OpenDataSearch })));
const DatasetPage = lazy(() => opendata().then((m) => ({ default: m.DatasetPage })));
const openPlan = () => import('../opendata/plan');
const OpenDataPlans = lazy(() => openPlan().then((m) => ({ default: m.PlansPage })));
const OpenDataPlan = lazy(() => openPlan().then((m) => ({ default: m.PlanPage })));
const OpenDataDatabases = lazy(() => openPlan().then((m) => ({ default: m.DatabasesPage })));
const OpenDataOrganisation = lazy(() => openPlan().then((m) => ({ default: m.OrganisationPage })));

const supervision = () => import('../supervision/pages');
const BusinessReports = lazy(() => supervision().then((m) => ({ default: m.BusinessReports })));
const DeliveryReceipt = lazy(() => supervision().then((m) => ({ default: m.DeliveryReceipt })));
// A meeting's guest (an outsider signed in with the e-ID) and an inspected enterprise's representative.
const meeting = () => import('../meeting/pages');
const GuestMeetings = lazy(() => meeting().then((m) => ({ default: () => <m.MeetingList area="citizen" /> })));
const GuestMeeting = lazy(() => meeting().then((m) => ({ default: ({ id }: { id: string }) => <m.MeetingPage id={id} area="citizen" /> })));
const inspection = () => import('../inspection/pages');
const EntityInspections = lazy(() => inspection().then((m) => ({ default: () => <m.InspectionList area="citizen" /> })));
const EntityInspection = lazy(() => inspection().then((m) => ({ default: ({ id }: { id: string }) => <m.InspectionPage id={id} area="citizen" /> })));

const VerifyPage = lazy(() => import('../verification/VerifyPage').then((m) => ({ default: m.VerifyPage })));

const base = (id: string) => `/ho-so/${id}`;

const ROUTES: RouteDef[] = [
  { path: '/', render: () => <Home /> },
  { path: '/tim-kiem', render: () => <SearchResults /> },
  { path: '/linh-vuc/:key', render: (p) => <Browse key={`f-${p.key}`} kind="field" keyName={p.key} /> },
  { path: '/su-kien/:key', render: (p) => <Browse key={`e-${p.key}`} kind="lifeEvent" keyName={p.key} /> },
  { path: '/thu-tuc/:ref', render: (p) => <ProcedurePage key={p.ref} procedureRef={p.ref} /> },
  { path: '/thu-tuc/:ref/nop', render: (p) => <StartApplication procedureRef={p.ref} /> },
  { path: '/ho-so', render: () => <MyDossiers /> },
  { path: '/ho-so/:id', render: (p) => <CitizenDossierPage key={p.id} id={p.id} /> },
  { path: '/ho-so/:id/khai', render: (p) => <FormSectionPage key={p.id} id={p.id} base={base(p.id)} /> },
  { path: '/ho-so/:id/khai/:section', render: (p) => <FormSectionPage key={p.id} id={p.id} sectionId={p.section} base={base(p.id)} /> },
  { path: '/ho-so/:id/dinh-kem', render: (p) => <AttachmentsPage key={p.id} id={p.id} base={base(p.id)} /> },
  { path: '/ho-so/:id/kiem-tra', render: (p) => <ReviewPage key={p.id} id={p.id} base={base(p.id)} after={(id) => `/ho-so/${id}/da-nop`} /> },
  { path: '/ho-so/:id/da-nop', render: (p) => <ConfirmationPage key={p.id} id={p.id} /> },
  { path: '/ho-so/:id/bien-nhan', render: (p) => <ReceiptPage key={p.id} id={p.id} back={`/ho-so/${p.id}`} /> },
  { path: '/ho-so/:id/bo-sung', render: (p) => <SupplementPage key={p.id} id={p.id} /> },
  { path: '/ho-so/:id/thanh-toan', render: (p) => <DossierPaymentPage key={p.id} id={p.id} /> },
  { path: '/ho-so/:id/rut', render: (p) => <WithdrawPage key={p.id} id={p.id} /> },
  { path: '/ho-so/:id/danh-gia', render: (p) => <RatePage key={p.id} id={p.id} /> },
  { path: '/phan-anh', render: () => <PetitionPage /> },
  { path: '/phan-anh/tra-cuu', render: () => <PetitionLookupPage /> },
  { path: '/tro-ly', render: () => <AssistantPage /> },
  { path: '/hoi-dap', render: () => <FaqPage /> },
  { path: '/tra-cuu', render: () => <LookupPage /> },
  { path: '/du-lieu/kho', render: () => <DataStorePage /> },
  { path: '/du-lieu/ai-da-xem', render: () => <DataAccessPage /> },
  { path: '/du-lieu/dong-y', render: () => <ConsentsPage /> },
  { path: '/du-lieu/yeu-cau', render: () => <DataRequestsPage /> },
  { path: '/tra-cuu/:code', render: (p) => <LookupPage code={p.code} /> },
  { path: '/xac-thuc', render: () => <VerifyPage /> },
  { path: '/du-lieu-mo', render: () => <OpenDataSearch /> },
  { path: '/du-lieu-mo/ke-hoach', render: () => <OpenDataPlans /> },
  { path: '/du-lieu-mo/ke-hoach/:id', render: (p) => <OpenDataPlan key={p.id} id={p.id} /> },
  { path: '/du-lieu-mo/co-so-du-lieu', render: () => <OpenDataDatabases /> },
  { path: '/du-lieu-mo/to-chuc/:name', render: (p) => <OpenDataOrganisation key={p.name} name={p.name} /> },
  { path: '/du-lieu-mo/:name', render: (p) => <DatasetPage key={p.name} name={p.name} /> },
  { path: '/thong-bao', render: () => <NotificationsPage /> },
  { path: '/thong-bao/cai-dat', render: () => <NotificationPreferencesPage /> },
  { path: '/thong-bao/huy-dang-ky', render: () => <UnsubscribePage /> },
  { path: '/doanh-nghiep/bao-cao', render: () => <BusinessReports /> },
  { path: '/doanh-nghiep/bao-cao/bien-nhan/:id', render: (p) => <DeliveryReceipt key={p.id} id={p.id} /> },
  { path: '/hop', render: () => <GuestMeetings /> },
  { path: '/hop/:id', render: (p) => <GuestMeeting key={p.id} id={p.id} /> },
  { path: '/doanh-nghiep/kiem-tra', render: () => <EntityInspections /> },
  { path: '/kiem-tra/:id', render: (p) => <EntityInspection key={p.id} id={p.id} /> },
];

export function NotFound() {
  const { t } = useI18n();
  return (
    <>
      <PageHeading>{t('notFound.title')}</PageHeading>
      <p>{t('notFound.text')}</p>
      <p>
        <Link to="/">{t('nav.home')}</Link>
      </p>
    </>
  );
}

export function CitizenRoutes() {
  return useRoutes(ROUTES, () => <NotFound />);
}
