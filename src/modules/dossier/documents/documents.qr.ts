/** QR codes of the dossier lookup address: an SVG data URI for HTML, a PNG for PDF, both from the `qrcode` package. */
import QRCode from 'qrcode';

/** Medium error correction survives a folded or stamped paper receipt. */
const OPTIONS = { errorCorrectionLevel: 'M' } as const;
/** Quiet zone in modules; ISO/IEC 18004 asks for 4. */
const QUIET_ZONE = 4;

/** `data:image/svg+xml;base64,…`, built synchronously from the QR matrix so HTML rendering stays synchronous. */
export function qrSvgDataUri(text: string): string {
  const { modules } = QRCode.create(text, OPTIONS);
  const size = modules.size + 2 * QUIET_ZONE;
  let path = '';
  for (let row = 0; row < modules.size; row++) {
    for (let col = 0; col < modules.size; col++) {
      if (modules.get(row, col)) path += `M${col + QUIET_ZONE} ${row + QUIET_ZONE}h1v1h-1z`;
    }
  }
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${size} ${size}" shape-rendering="crispEdges">` +
    `<rect width="${size}" height="${size}" fill="#fff"/><path d="${path}" fill="#000"/></svg>`;
  return `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
}

/** A PNG of the QR code, `pixels` wide. */
export function qrPng(text: string, pixels = 300): Promise<Buffer> {
  return QRCode.toBuffer(text, { ...OPTIONS, type: 'png', margin: QUIET_ZONE, width: pixels });
}
