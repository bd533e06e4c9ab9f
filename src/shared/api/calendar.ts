/** The working calendar of state bodies (ngày nghỉ, ngày làm bù): the schemas of the calendar API. */
import { Type, type Static } from 'typebox';
import { Obj } from './schema';

export const CalendarDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD' });
export const CalendarYear = Type.Integer({ minimum: 1901, maximum: 2199 });
export const Hhmm = Type.String({ pattern: '^([01]\\d|2[0-3]):[0-5]\\d$', description: 'HH:MM local time' });

const reasoned = {
  date: CalendarDate,
  reasonVi: Type.String({ minLength: 1, maxLength: 300 }),
  reasonEn: Type.String({ minLength: 1, maxLength: 300 }),
  swappedWith: Type.Optional(CalendarDate),
  legalBasis: Type.Optional(Type.String({ maxLength: 500 })),
};
export const ReasonedSchema = Obj(reasoned);

/** A year's exceptions as administrators enter them from the official decisions. */
export const YearExceptionsSchema = Obj({
  tetDays: Type.Optional(Type.Array(CalendarDate, { minItems: 5, maxItems: 5 })),
  nationalDayAdjacent: Type.Optional(CalendarDate),
  extraDaysOff: Type.Optional(Type.Array(ReasonedSchema, { maxItems: 60 })),
  workingDays: Type.Optional(Type.Array(ReasonedSchema, { maxItems: 60 })),
  notOff: Type.Optional(Type.Array(Obj({ date: CalendarDate, reason: Type.String({ minLength: 1, maxLength: 300 }), legalBasis: Type.Optional(Type.String({ maxLength: 500 })) }), { maxItems: 60 })),
  sources: Type.Optional(Type.Array(Type.String({ maxLength: 500 }), { maxItems: 20 })),
});

export const DayOffSchema = Obj({
  date: CalendarDate,
  kind: Type.String({ description: 'holiday | compensatory | exception' }),
  nameVi: Type.String(),
  nameEn: Type.String(),
  compensates: Type.Optional(CalendarDate),
  onWeekend: Type.Optional(Type.Boolean()),
  swappedWith: Type.Optional(CalendarDate),
  legalBasis: Type.Optional(Type.String()),
});

export const WorkingDaysOfYearSchema = Obj({
  year: Type.Integer(),
  timeZone: Type.String(),
  daysOff: Type.Array(DayOffSchema),
  workingDays: Type.Array(Obj({ date: CalendarDate, reasonVi: Type.String(), reasonEn: Type.String(), swappedWith: Type.Optional(CalendarDate), legalBasis: Type.Optional(Type.String()) })),
});

export const DueTimeSchema = Obj({ from: Type.String(), countFrom: Type.String(), due: Type.String(), dueDate: CalendarDate, dueLocal: Type.String(), timeZone: Type.String() });

export type Reasoned = Static<typeof ReasonedSchema>;
export type YearExceptions = Static<typeof YearExceptionsSchema>;
export type DayOff = Static<typeof DayOffSchema>;
export type WorkingDaysOfYear = Static<typeof WorkingDaysOfYearSchema>;
export type DueTime = Static<typeof DueTimeSchema>;
