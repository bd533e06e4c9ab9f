import type { Db } from '../db/client';
import { CalendarService } from './calendar.service';

/** `motcua due --from <ISO> --days <n> [--hours <n>] [--cutoff HH:MM]` */
export async function runDueCommand(db: Db, args: string[]): Promise<number> {
  const get = (name: string) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const from = get('--from') ?? new Date().toISOString();
  const days = get('--days');
  const hours = get('--hours');
  const cutoff = get('--cutoff');
  const start = new Date(from);
  const bad = (msg: string) => {
    process.stderr.write(`${msg}\nUsage: motcua due --from 2026-02-13T10:00:00+07:00 --days 5 [--cutoff 15:00]  (or --hours N)\n`);
    return 2;
  };
  if (Number.isNaN(start.getTime())) return bad(`--from: not a timestamp: ${from}`);
  if ((days === undefined) === (hours === undefined)) return bad('Give exactly one of --days or --hours');
  const n = Number(days ?? hours);
  if (!Number.isInteger(n) || n < 0) return bad('--days/--hours: a whole number of 0 or more');
  if (cutoff !== undefined && !/^([01]\d|2[0-3]):[0-5]\d$/.test(cutoff)) return bad('--cutoff: HH:MM');
  const cal = await new CalendarService(db).calendar();
  const r = days !== undefined ? cal.addWorkingDays(start, n, { cutoff }) : cal.addWorkingHours(start, n, { cutoff });
  process.stdout.write(`${JSON.stringify({ from: start.toISOString(), countFrom: r.countFrom.toISOString(), due: r.due.toISOString(), dueLocal: r.dueLocal, dueDate: r.dueDate, timeZone: 'Asia/Ho_Chi_Minh' })}\n`);
  return 0;
}
