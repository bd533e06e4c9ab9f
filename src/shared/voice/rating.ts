/**
 * Ratings of a finished dossier (đánh giá mức độ hài lòng): once per dossier by its applicant, after the result is
 * returned or the dossier is refused, rejected or stopped; editable for a few days. Pure.
 */
import type { State } from '../dossier/states';

/** The states in which a dossier may be rated: its result returned, or its handling ended without one. */
export const RATEABLE_STATES: readonly State[] = ['returned', 'refused', 'rejected', 'stopped'];

export const RATING_REASONS = ['on_time', 'late', 'polite', 'impolite', 'clear_guidance', 'unclear_guidance', 'asked_extra_documents', 'easy_online', 'hard_online', 'fair_fees'] as const;
export type RatingReason = (typeof RATING_REASONS)[number];

export const RATING_REASON_LABELS: Record<RatingReason, { vi: string; en: string }> = {
  on_time: { vi: 'Trả kết quả đúng hẹn', en: 'Result on time' },
  late: { vi: 'Trả kết quả trễ hẹn', en: 'Result late' },
  polite: { vi: 'Cán bộ lịch sự, tận tình', en: 'Courteous officers' },
  impolite: { vi: 'Cán bộ thiếu lịch sự', en: 'Discourteous officers' },
  clear_guidance: { vi: 'Hướng dẫn rõ ràng', en: 'Clear guidance' },
  unclear_guidance: { vi: 'Hướng dẫn chưa rõ', en: 'Unclear guidance' },
  asked_extra_documents: { vi: 'Bị yêu cầu giấy tờ ngoài quy định', en: 'Asked for documents beyond the rules' },
  easy_online: { vi: 'Nộp trực tuyến dễ dàng', en: 'Easy to file online' },
  hard_online: { vi: 'Nộp trực tuyến khó khăn', en: 'Hard to file online' },
  fair_fees: { vi: 'Phí, lệ phí đúng quy định', en: 'Fees as published' },
};

/** A rating of 1 or 2 counts as negative in the satisfaction item of the index (domain brief §8). */
export const isNegative = (score: number) => score <= 2;

/** Per-officer aggregates are shown only from this many ratings, so that no single rater can be recognised. */
export const MIN_GROUP_FOR_OFFICER = 3;
