/**
 * Files citizens and officers hand in (dossier attachments, data-store documents): the largest size and the types
 * accepted, recognised by their first bytes, not by name or header. Pure, so the web app checks the same limits.
 */

/** Largest file accepted for one attachment (tệp đính kèm) or stored document. */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;

export const ACCEPTED_FILE_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;
export type AcceptedFileType = (typeof ACCEPTED_FILE_TYPES)[number];

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** The real type of a file from its magic number, or null when it is none of the accepted types. */
export function sniffFileType(bytes: Uint8Array): AcceptedFileType | null {
  const at = (i: number) => bytes[i];
  if (bytes.length >= 5 && [0x25, 0x50, 0x44, 0x46, 0x2d].every((b, i) => at(i) === b)) return 'application/pdf'; // %PDF-
  if (bytes.length >= 3 && at(0) === 0xff && at(1) === 0xd8 && at(2) === 0xff) return 'image/jpeg';
  if (bytes.length >= 8 && PNG.every((b, i) => at(i) === b)) return 'image/png';
  return null;
}
