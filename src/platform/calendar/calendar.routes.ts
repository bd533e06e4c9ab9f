import { Type, type Static } from 'typebox';
import { CalendarYear, DueTimeSchema, Hhmm, WorkingDaysOfYearSchema, YearExceptionsSchema } from '../../shared/api/calendar';
import { platformErrors } from '../http/errors';
import type { App } from '../http/app';
import type { AppContext } from '../context';
import { runIdempotent } from '../idempotency/idempotency';
import { policy } from '../auth/policy';
import { actorOf } from '../auth/actor';
import { calendarErrors } from './calendar.errors';
import { Obj } from '../http/schemas';
import type { YearExceptions } from '../../shared/calendar';
import type { CalendarService } from './calendar.service';

export function registerCalendarRoutes(app: App, ctx: AppContext, calendar: CalendarService) {
  app.get(
    '/api/calendar/working-days',
    {
      config: { policy: policy.public(), errors: [] },
      schema: {
        operationId: 'getWorkingDays',
        tags: ['calendar'],
        summary: 'Days off and swapped working days of a year',
        description: 'The days off of state bodies in a year (public holidays with Tết by the lunar calendar, compensatory days, official exceptions) and the weekend days worked in exchange, in Asia/Ho_Chi_Minh.',
        querystring: Obj({ year: CalendarYear }),
        response: { 200: WorkingDaysOfYearSchema },
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
      config: { policy: policy.public(), errors: [calendarErrors.daysOrHours] },
      schema: {
        operationId: 'computeDueTime',
        tags: ['calendar'],
        summary: 'Legal due time: a receipt time plus N working days (or hours), with an optional cutoff',
        description: 'A receipt after the cutoff, after 17:00 or on a rest day counts from 08:00 of the next working day; the due time is the same local time N working days later.',
        querystring: Obj({
          from: Type.String({ format: 'date-time', description: 'ISO 8601 timestamp with offset, e.g. 2026-02-13T10:00:00+07:00' }),
          workingDays: Type.Optional(Type.Integer({ minimum: 0, maximum: 3650 })),
          workingHours: Type.Optional(Type.Integer({ minimum: 0, maximum: 10000 })),
          cutoff: Type.Optional(Hhmm),
        }),
        response: { 200: DueTimeSchema },
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
    {
      config: { policy: policy.public(), errors: [] },
      schema: {
        operationId: 'getCalendarExceptions',
        tags: ['calendar'],
        summary: "A year's exceptions as administrators entered them",
        description: 'The official decisions of a year as entered: Tết days, the day next to National Day, extra days off, swapped working days, and days that are not off.',
        params: Obj({ year: CalendarYear }),
        response: { 200: YearExceptionsSchema },
      },
    },
    async (req) => (await calendar.yearExceptions(req.params.year)) as Static<typeof YearExceptionsSchema>,
  );

  app.put(
    '/api/calendar/exceptions/:year',
    {
      config: { policy: policy.roles('platform_admin'), errors: [platformErrors.forbidden, calendarErrors.invalidExceptions], idempotency: 'key' },
      schema: {
        operationId: 'setCalendarExceptions',
        tags: ['calendar'],
        summary: "Replace a year's exceptions",
        description: 'Replaces the official exceptions of a year (days off, swapped working days), checked for consistency and audited; deadlines computed afterwards use them.',
        params: Obj({ year: CalendarYear }),
        body: YearExceptionsSchema,
        response: { 200: YearExceptionsSchema },
      },
    },
    async (req, reply) => {
      const now = ctx.clock.now();
      const body = await runIdempotent(ctx.db, req, reply, req.body, now, async (tx) => ({ status: 200, body: await calendar.setYear(actorOf(req), req.params.year, req.body as YearExceptions, now, tx) }));
      calendar.invalidate();
      return body as Static<typeof YearExceptionsSchema>;
    },
  );
}
