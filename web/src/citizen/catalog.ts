/** Catalogue constants shared by the citizen pages. */

/**
 * Procedures shown as "popular" on the home page, by catalogue key, until the server ranks them by dossiers filed.
 * Keys missing from the catalogue are skipped.
 */
export const POPULAR_KEYS = [
  'birth-registration',
  'temporary-residence-registration',
  'marriage-registration',
  'judicial-record-certificate',
  'construction-permit-detached-house',
  'household-business-registration',
];
