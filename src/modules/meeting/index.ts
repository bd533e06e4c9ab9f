/**
 * Paperless meetings (họp không gặp mặt): agenda, participants (officers and outsiders), documents distributed as
 * watermarked copies with every read logged, written opinions with a deadline, votes with quorum and majority,
 * attendance, the video link from MEETING_VIDEO_URL_TEMPLATE, and minutes signed at the end. The only public face.
 *
 * Events: `meeting.invited` and `meeting.reminder` (one per participant: accountId or personalId, agencyId, title,
 * startsAt, videoUrl, the opinion deadline — for the notifications; reminders also sent hourly for what is due within a day), `meeting.created`, `opened`, `closed`, `cancelled`, `attended`,
 * `document_added`, `document_read`, `opinion_given`, `vote_opened`, `ballot_cast`, `vote_closed`, `minutes_signed`.
 */
import type { App } from '../../platform/http/app';
import type { AppContext } from '../../platform/context';
import { MeetingService } from './meeting.service';
import { registerMeetingRoutes } from './meeting.routes';
import type { MeetingPorts } from './meeting.ports';

export type { MeetingPorts } from './meeting.ports';
export { meetingErrors } from './meeting.errors';
export { MeetingService, seedDemoMeeting } from './meeting.service';
export { meetingLeafSource } from './meeting.tlog';

export interface MeetingModule {
  service: MeetingService;
  /** Background work: the hourly reminder of meetings and opinion deadlines within a day. */
  start(): void;
  stop(): Promise<void>;
}

export function registerMeetings(app: App, ctx: AppContext, ports: MeetingPorts, signingErrors: readonly { code: string; status: number }[]): MeetingModule {
  const service = new MeetingService(ctx.db, ports, { videoUrlTemplate: ctx.config.meeting.videoUrlTemplate, demo: ctx.config.results.demo });
  registerMeetingRoutes(app, { db: ctx.db, now: () => ctx.clock.now(), service, signingErrors });
  const log = app.log.child({ module: 'meeting' });
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<unknown> | null = null;
  return {
    service,
    start() {
      timer ??= setInterval(() => {
        running ??= service
          .remindDue(ctx.clock.now())
          .catch((err) => log.error({ err }, 'meeting reminders failed'))
          .finally(() => (running = null));
      }, 3_600_000);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = null;
      await running;
    },
  };
}
