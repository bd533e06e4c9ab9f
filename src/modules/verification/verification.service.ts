/**
 * From the verifier's findings to the public report: one verdict, the facts, the register status, and what it means
 * in plain Vietnamese and English. No personal data: the signer is the organisation named in the certificate.
 */
import type { IssuedResultStatusDto, VerificationMessageDto, VerificationReportDto } from '../../shared/api/verification';
import { signerLabel } from '../../shared/verification/labels';
import type { DocumentReport, PdfVerifier, SignatureReport } from './verification.verifier';

/** The status of a result in the issuing system's register. */
export type IssuedResultStatus = IssuedResultStatusDto;

/** The port the result module implements (wired in main.ts): the register of issued results. */
export interface IssuedResultLookup {
  /** By the SHA-256 (hex, lower case) of the whole PDF as issued (the B-LT file). */
  byHash(sha256Hex: string): Promise<IssuedResultStatus | undefined>;
  /** By the verification code printed under the QR code. */
  byCode(code: string): Promise<IssuedResultStatus | undefined>;
}

/** Until the result module is wired: nothing is in the register. */
export const noIssuedResults: IssuedResultLookup = {
  byHash: async () => undefined,
  byCode: async () => undefined,
};

type Msg = VerificationMessageDto;
const msg = (severity: Msg['severity'], code: string, vi: string, en: string): Msg => ({ severity, code, text: { vi, en } });

const fmtTime = (iso: string) => {
  const d = new Date(iso);
  const local = new Date(d.getTime() + 7 * 3600_000);
  const p = (n: number) => String(n).padStart(2, '0');
  return { vi: `${p(local.getUTCHours())}:${p(local.getUTCMinutes())} ngày ${p(local.getUTCDate())}/${p(local.getUTCMonth() + 1)}/${local.getUTCFullYear()} (giờ Việt Nam)`, en: `${d.toISOString().replace('T', ' ').slice(0, 16)} UTC` };
};

function integrityOf(s: SignatureReport): VerificationReportDto['integrity'] {
  if (!s.rangeConsistent) return 'not_this_file';
  if (s.digest !== 'match') return 'modified';
  if (s.appended === 'content_changed') return 'content_added';
  if (s.appended === 'validation_data') return 'validation_data_added';
  return 'intact';
}

export function summarise(s: SignatureReport) {
  return {
    subFilter: s.subFilter,
    integrity: integrityOf(s),
    signature: s.signatureValue,
    trusted: s.trusted,
    certificate: s.certificateValidity,
    revocation: s.revocation,
    revokedAt: s.revokedAt,
    timestamp: s.timestamp ? { valid: s.timestamp.valid, trusted: s.timestamp.trusted, time: s.timestamp.time, tsa: s.timestamp.tsa } : null,
    signer: s.signer,
    profile: s.profile,
    verdict: s.verdict,
  };
}

const RANK = { valid: 0, unknown_issuer: 1, revoked: 2, invalid: 3 } as const;

/** Messages about the register status of a result. */
export function resultMessages(r: IssuedResultStatus | undefined | null): Msg[] {
  if (!r) return [msg('warning', 'result.not_found', 'Không tìm thấy tệp này trong sổ kết quả do hệ thống này cấp (không do hệ thống cấp, hoặc không rõ).', 'This file is not in the register of results issued by this system (not issued here, or unknown).')];
  if (r.kind === 'certified_copy') {
    if (r.status === 'revoked') return [msg('error', 'result.revoked', `Bản sao điện tử chứng thực từ bản chính đã bị thu hồi${r.reason ? `. Lý do: ${r.reason}` : ''}.`, `The certified electronic copy has been revoked${r.reason ? `. Reason: ${r.reason}` : ''}.`)];
    if (r.status === 'valid') return [msg('ok', 'result.valid', `Bản sao điện tử được ${r.issuer} chứng thực từ bản chính (số ${r.number ?? '—'}) và đang còn hiệu lực.`, `An electronic copy certified from the original by ${r.issuer} (no. ${r.number ?? '—'}), in force.`)];
  }
  if (r.status === 'revoked') return [msg('error', 'result.revoked', `Kết quả đã bị thu hồi${r.reason ? `. Lý do: ${r.reason}` : ''}.`, `The result has been revoked${r.reason ? `. Reason: ${r.reason}` : ''}.`)];
  if (r.status === 'replaced') return [msg('warning', 'result.replaced', `Kết quả đã được thay thế bằng kết quả mã ${r.replacedBy ?? '—'}${r.reason ? `. Lý do: ${r.reason}` : ''}.`, `The result has been replaced by the result with code ${r.replacedBy ?? '—'}${r.reason ? `. Reason: ${r.reason}` : ''}.`)];
  return [msg('ok', 'result.valid', `Kết quả do ${r.issuer} cấp và đang còn hiệu lực.`, `The result was issued by ${r.issuer} and is in force.`)];
}

/** The report of a PDF that has at least one signature. */
export function buildReport(doc: DocumentReport, result: IssuedResultStatus | undefined): VerificationReportDto {
  const sigs = doc.signatures;
  // The signature that covers the most of the file speaks for the document; every signature counts for the verdict.
  const main = [...sigs].sort((a, b) => b.byteRange[2] + b.byteRange[3] - (a.byteRange[2] + a.byteRange[3]))[0];
  const worst = sigs.reduce((w, s) => (RANK[s.verdict] > RANK[w] ? s.verdict : w), 'valid' as SignatureReport['verdict']);
  let verdict: VerificationReportDto['verdict'] = worst;
  if (worst !== 'invalid' && result?.status === 'revoked') verdict = 'revoked';
  else if ((worst === 'valid' || worst === 'unknown_issuer') && result?.status === 'replaced') verdict = 'replaced';
  const messages: Msg[] = [];
  const integrity = integrityOf(main);
  for (const s of sigs) {
    const i = integrityOf(s);
    if (i === 'not_this_file') messages.push(msg('error', 'integrity.not_this_file', 'Chữ ký không thuộc tệp này: vùng được ký không khớp với tệp.', 'The signature does not belong to this file: the signed range does not match the file.'));
    else if (i === 'modified') messages.push(msg('error', 'integrity.modified', 'Tệp đã bị sửa sau khi ký.', 'The file was changed after it was signed.'));
    else if (i === 'content_added') messages.push(msg('error', 'integrity.content_added', 'Có nội dung được thêm vào sau chữ ký.', 'Content was added after the signature.'));
  }
  if (integrity === 'intact') messages.push(msg('ok', 'integrity.intact', 'Tệp còn nguyên vẹn kể từ khi ký.', 'The file is unchanged since it was signed.'));
  if (integrity === 'validation_data_added') messages.push(msg('ok', 'integrity.validation_data', 'Tệp còn nguyên vẹn; sau chữ ký chỉ có dữ liệu phục vụ kiểm tra lâu dài (chứng thư số, danh sách thu hồi) được thêm vào, điều này được phép.', 'The file is unchanged; only long-term validation data (certificates, revocation lists) was added after the signature, which is allowed.'));
  if (sigs.some((s) => s.signatureValue !== 'valid')) messages.push(msg('error', 'signature.invalid', 'Chữ ký số không hợp lệ.', 'The digital signature is not valid.'));
  else messages.push(msg('ok', 'signature.valid', 'Chữ ký số hợp lệ về mặt toán học.', 'The digital signature is mathematically valid.'));
  if (main.trusted) messages.push(msg('ok', 'chain.trusted', 'Chứng thư số của người ký được cấp bởi tổ chức trong danh sách tin cậy.', 'The signer’s certificate was issued by an organisation on the trust list.'));
  else messages.push(msg('warning', 'chain.untrusted', 'Chứng thư số của người ký không thuộc danh sách tin cậy của hệ thống này: không xác định được đơn vị cấp.', 'The signer’s certificate is not on this system’s trust list: the issuer cannot be confirmed.'));
  if (main.certificateValidity === 'expired' || main.certificateValidity === 'not_yet_valid') messages.push(msg('error', 'certificate.not_valid', 'Chứng thư số của người ký không còn hiệu lực vào thời điểm ký.', 'The signer’s certificate was not valid at the time of signing.'));
  if (main.revocation === 'revoked') messages.push(msg('error', 'certificate.revoked', `Chứng thư số của người ký đã bị thu hồi${main.revokedAt ? ` từ ${fmtTime(main.revokedAt).vi}` : ''}, trước thời điểm ký.`, `The signer’s certificate was revoked${main.revokedAt ? ` on ${fmtTime(main.revokedAt).en}` : ''}, before the signing time.`));
  else if (main.revocation === 'revoked_after_signing') messages.push(msg('info', 'certificate.revoked_later', 'Chứng thư số bị thu hồi sau thời điểm ký; chữ ký vẫn có giá trị.', 'The certificate was revoked after the signing time; the signature still stands.'));
  else if (main.revocation === 'good') messages.push(msg('ok', 'certificate.not_revoked', 'Chứng thư số chưa bị thu hồi vào thời điểm ký (theo danh sách thu hồi kèm trong tệp).', 'The certificate was not revoked at the signing time (per the revocation list in the file).'));
  else messages.push(msg('info', 'certificate.revocation_unknown', 'Tệp không kèm thông tin thu hồi chứng thư số, nên chưa kiểm tra được việc thu hồi.', 'The file carries no revocation information, so revocation was not checked.'));
  if (main.timestamp?.valid && main.timestamp.time) {
    const t = fmtTime(main.timestamp.time);
    messages.push(msg(main.timestamp.trusted ? 'ok' : 'warning', 'timestamp.valid', `Thời điểm ký được xác nhận bởi dịch vụ cấp dấu thời gian${main.timestamp.tsa ? ` (${main.timestamp.tsa})` : ''}: ${t.vi}.`, `The signing time is certified by a time-stamp authority${main.timestamp.tsa ? ` (${main.timestamp.tsa})` : ''}: ${t.en}.`));
  } else if (main.timestamp) messages.push(msg('error', 'timestamp.invalid', 'Dấu thời gian kèm chữ ký không hợp lệ.', 'The time-stamp of the signature is not valid.'));
  else messages.push(msg('info', 'timestamp.absent', 'Chữ ký không có dấu thời gian; thời điểm ký chỉ do người ký tự khai.', 'The signature has no time-stamp; the signing time is only as claimed by the signer.'));
  const who = signerLabel(main.signer);
  if (who) messages.push(msg('info', 'signer', `Đơn vị ký: ${who}.`, `Signed by: ${who}.`));
  messages.push(...resultMessages(result));
  const ts = main.timestamp?.valid ? main.timestamp.time : null;
  return {
    verdict,
    file: { sha256: doc.sha256, size: doc.size },
    integrity,
    signature: sigs.every((s) => s.signatureValue === 'valid') ? 'valid' : 'invalid',
    trusted: main.trusted,
    timestamp: ts,
    signer: main.signer,
    level: main.profile.level,
    result: result ?? null,
    signatures: sigs.map(summarise),
    messages,
  };
}

export interface VerificationService {
  verifier: () => PdfVerifier;
  lookup: IssuedResultLookup;
}
