/**
 * Paperless meetings (họp không gặp mặt): agenda, participants (officers and outsiders), documents distributed as
 * watermarked copies with every read logged, written opinions with a deadline, votes with quorum and majority,
 * attendance, the video link from MEETING_VIDEO_URL_TEMPLATE, and minutes signed at the end. The only public face.
 *
 * Events: `meeting.invited` and `meeting.reminder` (one per participant: accountId or personalId, title, startsAt,
 * videoUrl — for the notifications), `meeting.created`, `opened`, `closed`, `cancelled`, `attended`,
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
}

export function registerMeetings(app: App, ctx: AppContext, ports: MeetingPorts, signingErrors: readonly { code: string; status: number }[]): MeetingModule {
  const service = new MeetingService(ctx.db, ports, { videoUrlTemplate: ctx.config.meeting.videoUrlTemplate, demo: ctx.config.results.demo });
  registerMeetingRoutes(app, { db: ctx.db, now: () => ctx.clock.now(), service, signingErrors });
  return { service };
}
