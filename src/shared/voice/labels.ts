import type { PetitionStatus } from './petition';

export const PETITION_STATUS_LABELS: Record<PetitionStatus, { vi: string; en: string }> = {
  received: { vi: 'Đã tiếp nhận', en: 'Received' },
  info_requested: { vi: 'Đề nghị bổ sung thông tin', en: 'More information requested' },
  processing: { vi: 'Đang xử lý', en: 'Being handled' },
  answer_proposed: { vi: 'Đang chờ lãnh đạo duyệt trả lời', en: 'Answer awaiting approval' },
  answered: { vi: 'Đã trả lời', en: 'Answered' },
  refused: { vi: 'Từ chối tiếp nhận', en: 'Refused' },
};
