/** Display helpers shared by the server's report and the web page (pure; no schema code, so the web bundle stays small). */
/** How a signer is named to the reader: the common name and the organisation when they differ (no personal ID). */
export function signerLabel(s: { organisation: string | null; commonName: string | null } | null | undefined): string | null {
  if (!s) return null;
  const { organisation: o, commonName: cn } = s;
  if (cn && o && cn !== o) return `${cn} — ${o}`;
  return cn ?? o ?? null;
}
