/** The citizen pages loaded on demand (one chunk): filing, dossiers, lookup. */
export { StartApplication } from './StartApplication';
export { FormSectionPage } from '../dossier/flow/FormSectionPage';
export { AttachmentsPage } from '../dossier/flow/AttachmentsPage';
export { ReviewPage } from '../dossier/flow/ReviewPage';
export { ConfirmationPage } from '../dossier/flow/ConfirmationPage';
export { ReceiptPage } from '../dossier/flow/ReceiptPage';
export { MyDossiers } from './MyDossiers';
export { CitizenDossierPage } from './DossierPage';
export { SupplementPage, WithdrawPage } from './SupplementWithdraw';
export { LookupPage } from './Lookup';
export { DataStorePage, DataAccessPage, ConsentsPage, DataRequestsPage } from './MyData';
export { DossierPaymentPage } from '../payment/DossierPaymentPage';
