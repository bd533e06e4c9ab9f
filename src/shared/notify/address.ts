/** Recipient addresses: Vietnamese mobile numbers in the international form `84…`, e-mail addresses, masking. */

/**
 * `0912 345 678`, `+84 912 345 678`, `84912345678` → `84912345678`; null when it is not a Vietnamese mobile number
 * (84, then 9 digits starting 3, 5, 7, 8 or 9 — the 10-digit numbering in force since 2018).
 */
export function normalizePhone(raw: string): string | null {
  const digits = raw.replace(/[\s.()-]/g, '');
  const m = /^(?:\+?84|0)([35789]\d{8})$/.exec(digits);
  return m ? `84${m[1]}` : null;
}

const EMAIL_RE = /^[^\s@"<>(),;:\\[\]]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;

/** A plain address `local@domain.tld` (no display name, no quoted local part), lower-cased domain. */
export function normalizeEmail(raw: string): string | null {
  const s = raw.trim();
  if (s.length > 254 || !EMAIL_RE.test(s)) return null;
  const at = s.lastIndexOf('@');
  return `${s.slice(0, at)}@${s.slice(at + 1).toLowerCase()}`;
}

/** `an.nguyen@gmail.com` → `a***@g***.com`: enough for the owner to recognise, not enough to write to. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at < 1) return '***';
  const domain = email.slice(at + 1);
  const dot = domain.lastIndexOf('.');
  return `${email[0]}***@${domain[0] ?? ''}***${dot > 0 ? domain.slice(dot) : ''}`;
}

/** `84912345678` → `84*****678`. */
export function maskPhone(phone: string): string {
  if (phone.length < 6) return '***';
  return `${phone.slice(0, 2)}${'*'.repeat(phone.length - 5)}${phone.slice(-3)}`;
}

export function maskAddress(channel: string, address: string): string {
  if (channel === 'email') return maskEmail(address);
  if (channel === 'sms' || channel === 'zalo') return maskPhone(address);
  return address;
}
