/**
 * Open licences a dataset may carry (giấy phép dữ liệu mở): CC BY 4.0 by default, the other Creative Commons and
 * Open Data Commons options, with the identifiers CKAN uses (`license_id`) and their canonical URLs (DCAT).
 */
export interface Licence {
  id: string;
  title: string;
  url: string;
  /** Open Definition conformant. */
  open: boolean;
}

export const LICENCES: readonly Licence[] = [
  { id: 'cc-by-4.0', title: 'Creative Commons Attribution 4.0', url: 'https://creativecommons.org/licenses/by/4.0/', open: true },
  { id: 'cc-by-sa-4.0', title: 'Creative Commons Attribution Share-Alike 4.0', url: 'https://creativecommons.org/licenses/by-sa/4.0/', open: true },
  { id: 'cc-zero', title: 'Creative Commons CCZero', url: 'https://creativecommons.org/publicdomain/zero/1.0/', open: true },
  { id: 'odc-by', title: 'Open Data Commons Attribution License', url: 'https://opendatacommons.org/licenses/by/1-0/', open: true },
  { id: 'odc-odbl', title: 'Open Data Commons Open Database License (ODbL)', url: 'https://opendatacommons.org/licenses/odbl/1-0/', open: true },
  { id: 'odc-pddl', title: 'Open Data Commons Public Domain Dedication and License (PDDL)', url: 'https://opendatacommons.org/licenses/pddl/1-0/', open: true },
];

export const DEFAULT_LICENCE = 'cc-by-4.0';

export const licenceOf = (id: string): Licence | undefined => LICENCES.find((l) => l.id === id);

/** EU frequency authority codes (http://publications.europa.eu/resource/authority/frequency/…). */
export const FREQUENCIES = ['DAILY', 'WEEKLY', 'MONTHLY', 'QUARTERLY', 'ANNUAL', 'IRREG', 'UNKNOWN', 'CONT', 'NEVER'] as const;

/** A CKAN name: 2–100 characters, lower-case letters, digits, `-` and `_`. */
export const CKAN_NAME_RE = /^[a-z0-9_-]{2,100}$/;

/** An agency's CKAN organisation name from its electronic code: `000.00.21.H38` → `000-00-21-h38`. */
export const orgNameOfCode = (code: string): string => code.toLowerCase().replace(/[^a-z0-9]+/g, '-');
