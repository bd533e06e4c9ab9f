/**
 * Why an agency reads another agency's personal data over the exchange (Law 91/2025 on personal data protection:
 * processing only for a stated, lawful purpose). A personal-data service refuses a request without one of these
 * codes (header `X-MotCua-Purpose`) and without the case it serves (`X-Road-Issue`, the dossier code).
 */
export const EXCHANGE_PURPOSES = {
  dossier_processing: { vi: 'Giải quyết thủ tục hành chính', en: 'Processing an administrative procedure' },
  verification: { vi: 'Xác minh thông tin của hồ sơ', en: 'Verifying a dossier’s information' },
  interagency_consultation: { vi: 'Lấy ý kiến cơ quan liên quan (liên thông)', en: 'Inter-agency consultation' },
  inspection: { vi: 'Thanh tra, kiểm tra theo quy định', en: 'Statutory inspection' },
} as const;

export type ExchangePurpose = keyof typeof EXCHANGE_PURPOSES;

export const isExchangePurpose = (s: string | undefined | null): s is ExchangePurpose => !!s && Object.prototype.hasOwnProperty.call(EXCHANGE_PURPOSES, s);
