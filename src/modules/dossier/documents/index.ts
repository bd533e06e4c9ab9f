/**
 * Dossier documents: the forms of Circular 03/2025/TT-VPCP, Annex I, rendered from plain data. Pure (no database,
 * no clock): the dossier service gathers the data and stores or sends the bytes.
 *   - forms 01–06 → `renderFormHtml` (self-contained HTML) and `renderFormPdf` (A4 PDF);
 *   - form 07, the register → `registerCsv` and `registerXlsx`.
 */
export type * from './documents.types';
export { renderFormHtml, escapeHtml } from './documents.html';
export { renderFormPdf } from './documents.pdf';
export { registerCsv, registerXlsx, REGISTER_COLUMNS } from './documents.register';
export { ON_TIME_LABELS, COMPONENT_FORM_LABELS } from './documents.format';
export { handOffRows, type HistoryStep, type HandOffNames } from './documents.handoffs';
