import { declareError, declareErrorWith } from '../http/errors';

const t = (vi: string, en: string) => ({ vi, en });

export const calendarErrors = {
  daysOrHours: declareError('calendar.days_or_hours', 400, t('Cần số ngày hoặc số giờ làm việc', 'Working days or hours required')),
  invalidExceptions: declareErrorWith('calendar.invalid_exceptions', 422, t('Ngày nghỉ, ngày làm bù không hợp lệ', 'Invalid calendar exceptions'), (reason: string) => ({ detail: t(reason, reason) })),
};
