import { Type, type Static } from 'typebox';
import type { App } from '../http/app';
import type { AppContext } from '../context';
import { policy } from '../auth/policy';
import { actorOf } from '../auth/actor';
import { calendarErrors } from './calendar.errors';
import { Obj } from '../http/schemas';
import type { YearExceptions } from '../../shared/calendar';
import type { CalendarService } from './calendar.service';

const DateISO = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });
const Year = Type.Integer({ minimum: 1901, maximum: 2199 });
const Hhmm = Type.String({ pattern: '^([01]\\d|2[0-3]):[0-5]\\d$', description: 'HH:MM local time' });
const Reasoned = { date: DateISO, reasonVi: Type.String({ minLength: 1, maxLength: 300 }), reasonEn: Type.String({ minLength: 1, maxLength: 300 }), swappedWith: Type.Optional(DateISO), legalBasis: Type.Optional(Type.String({ maxLength: 500 })) };
const YearExceptionsSchema = Obj({
  tetDays: Type.Optional(Type.Array(DateISO, { minItems: 5, maxItems: 5 })),
  nationalDayAdjacent: Type.Optional(DateISO),
  extraDaysOff: Type.Optional(Type.Array(Obj(Reasoned), { maxItems: 60 })),
  workingDays: Type.Optional(Type.Array(Obj(Reasoned), { maxItems: 60 })),
  notOff: Type.Optional(Type.Array(Obj({ date: DateISO, reason: Type.String({ minLength: 1, maxLength: 300 }), legalBasis: Type.Optional(Type.String({ maxLength: 500 })) }), { maxItems: 60 })),
  sources: Type.Optional(Type.Array(Type.String({ maxLength: 500 }), { maxItems: 20 })),
});

const DayOffSchema = Type.Object({
  date: DateISO,
  kind: Type.String({ description: 'holiday | compensatory | exception' }),
  nameVi: Type.String(),
  nameEn: Type.String(),
  compensates: Type.Optional(DateISO),
  onWeekend: Type.Optional(Type.Boolean()),
  swappedWith: Type.Optional(DateISO),
  legalBasis: Type.Optional(Type.String()),
});

export function registerCalendarRoutes(app: App, ctx: AppContext, calendar: CalendarService) {
  app.get(
    '/api/calendar/working-days',
    {
      config: { policy: policy.public() },
      schema: {
        tags: ['calendar'],
        summary: 'Days off and swapped working days of a year (state bodies, Asia/Ho_Chi_Minh)',
        querystring: Obj({ year: Year }),
        response: { 200: Type.Object({ year: Type.Integer(), timeZone: Type.String(), daysOff: Type.Array(DayOffSchema), workingDays: Type.Array(Type.Object({ date: DateISO, reasonVi: Type.String(), reasonEn: Type.String(), swappedWith: Type.Optional(DateISO), legalBasis: Type.Optional(Type.String()) })) }) },
      },
    },
    async (req) => {
      const cal = await calendar.calendar();
      return { year: req.query.year, timeZone: 'Asia/Ho_Chi_Minh', daysOff: cal.daysOff(req.query.year), workingDays: cal.swappedWorkingDays(req.query.year) };
    },
  );

  app.get(
    '/api/calendar/due',
    {
      config: { policy: policy.public() },
      schema: {
        tags: ['calendar'],
        summary: 'Legal due time: a receipt time plus N working days (or hours), with an optional cutoff',
        description: 'A receipt after the cutoff, after 17:00 or on a rest day counts from 08:00 of the next working day; the due time is the same local time N working days later.',
        querystring: Obj({
          from: Type.String({ format: 'date-time', description: 'ISO 8601 timestamp with offset, e.g. 2026-02-13T10:00:00+07:00' }),
          workingDays: Type.Optional(Type.Integer({ minimum: 0, maximum: 3650 })),
          workingHours: Type.Optional(Type.Integer({ minimum: 0, maximum: 10000 })),
          cutoff: Type.Optional(Hhmm),
        }),
        response: { 200: Type.Object({ from: Type.String(), countFrom: Type.String(), due: Type.String(), dueDate: DateISO, dueLocal: Type.String(), timeZone: Type.String() }) },
      },
    },
    async (req) => {
      const { from, workingDays, workingHours, cutoff } = req.query;
      if ((workingDays === undefined) === (workingHours === undefined)) {
        throw calendarErrors.daysOrHours({ vi: 'Cần đúng một trong hai tham số workingDays hoặc workingHours.', en: 'Give exactly one of workingDays or workingHours.' });
      }
      const cal = await calendar.calendar();
      const start = new Date(from);
      const r = workingDays !== undefined ? cal.addWorkingDays(start, workingDays, { cutoff }) : cal.addWorkingHours(start, workingHours!, { cutoff });
      return { from: start.toISOString(), countFrom: r.countFrom.toISOString(), due: r.due.toISOString(), dueDate: r.dueDate, dueLocal: r.dueLocal, timeZone: 'Asia/Ho_Chi_Minh' };
    },
  );

  app.get(
    '/api/calendar/exceptions/:year',
    { config: { policy: policy.public() }, schema: { tags: ['calendar'], summary: "A year's exceptions as administrators entered them", params: Obj({ year: Year }), response: { 200: YearExceptionsSchema } } },
    async (req) => (await calendar.yearExceptions(req.params.year)) as Static<typeof YearExceptionsSchema>,
  );

  app.put(
    '/api/calendar/exceptions/:year',
    {
      config: { policy: policy.roles('platform_admin') },
      schema: { tags: ['calendar'], summary: "Replace a year's exceptions (official decisions: days off, swapped working days)", params: Obj({ year: Year }), body: YearExceptionsSchema, response: { 200: YearExceptionsSchema } },
    },
    async (req) => (await calendar.setYear(actorOf(req), req.params.year, req.body as YearExceptions, ctx.clock.now())) as Static<typeof YearExceptionsSchema>,
  );
}
