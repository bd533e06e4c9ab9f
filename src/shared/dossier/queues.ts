/** The officer's work queues (hàng đợi công việc) in the inbox, in the order they are shown. */
export const QUEUES = ['to_receive', 'to_process', 'to_approve', 'to_return', 'due_soon', 'overdue', 'waiting_applicant', 'consultations'] as const;
export type Queue = (typeof QUEUES)[number];
