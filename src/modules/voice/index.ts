/**
 * The voice module (tiếng nói của người dân): ratings of finished dossiers, petitions (phản ánh, kiến nghị) with
 * their legal deadlines, routing, escalation and published answers, and the virtual assistant (trợ lý ảo) that
 * answers from the catalogue. This file is its only public face.
 */
import type { App } from '../../platform/http/app';
import type { AppContext } from '../../platform/context';
import { PetitionService } from './petitions.service';
import { RatingService } from './ratings.service';
import { registerVoiceRoutes } from './voice.routes';
import { AssistantService } from './assistant.service';
import type { VoicePorts } from './voice.ports';

export type { VoiceDossier, VoicePorts } from './voice.ports';
export { voiceErrors } from './voice.errors';
export { PETITION_ANSWERED_EVENT } from './petitions.service';

export interface VoiceModule {
  ratings: RatingService;
  petitions: PetitionService;
  assistant: AssistantService;
  /** Background work: the escalation of overdue petitions. */
  start(): void;
  stop(): Promise<void>;
}

export function registerVoice(app: App, ctx: AppContext, ports: VoicePorts): VoiceModule {
  const { db, config, clock } = ctx;
  const log = app.log.child({ module: 'voice' });
  const ratings = new RatingService(db, ports, config.voice.ratingEditDays);
  const petitions = new PetitionService(db, ports, { cutoff: config.voice.petitionCutoff, publicUrl: config.publicUrl });
  const assistant = new AssistantService(() => ports.publishedProcedures(), config.voice.assistantRefreshMs);
  registerVoiceRoutes(app, { db, now: () => clock.now(), ratings, petitions, assistant, publicRateLimitPerMinute: config.voice.publicRateLimitPerMinute });
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<unknown> | null = null;
  return {
    ratings,
    petitions,
    assistant,
    start() {
      timer ??= setInterval(() => {
        running ??= petitions
          .escalateOverdue(clock.now())
          .catch((err) => log.error({ err }, 'petition escalation failed'))
          .finally(() => (running = null));
      }, config.voice.escalationMs);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = null;
      await running;
    },
  };
}
