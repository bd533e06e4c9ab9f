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
import { OfficerAssistant } from './officer-assistant.service';
import { FaqService } from './faq.service';
import { noPhraser, OpenAiCompatiblePhraser } from './phraser';
import { faqPath, publishedAnswerPath } from '../../shared/api/voice';
import type { VoicePorts } from './voice.ports';

export type { VoiceDossier, VoicePorts } from './voice.ports';
export { voiceErrors } from './voice.errors';
export { PETITION_ANSWERED_EVENT } from './petitions.service';
export { seedDemoFaq } from './faq.service';

export interface VoiceModule {
  ratings: RatingService;
  petitions: PetitionService;
  assistant: AssistantService;
  faq: FaqService;
  /** Background work: the escalation of overdue petitions. */
  start(): void;
  stop(): Promise<void>;
}

export function registerVoice(app: App, ctx: AppContext, ports: VoicePorts): VoiceModule {
  const { db, config, clock } = ctx;
  const log = app.log.child({ module: 'voice' });
  const ratings = new RatingService(db, ports, config.voice.ratingEditDays);
  const petitions = new PetitionService(db, ports, { cutoff: config.voice.petitionCutoff, publicUrl: config.publicUrl });
  const faq = new FaqService(db, async (key) => (await ports.publishedProcedures()).some((p) => p.key === key));
  const llm = config.voice.assistantLlm;
  const phraser = llm ? new OpenAiCompatiblePhraser(llm, log) : noPhraser;
  // The assistant's sources: the published catalogue, the published FAQ and the published (anonymised) answers.
  const sources = async () => {
    const [procedures, entries, answers] = await Promise.all([ports.publishedProcedures(), faq.list({ publishedOnly: true }), petitions.published(undefined, 500)]);
    return {
      procedures,
      passages: [
        ...entries.map((e) => ({ id: e.id, source: 'faq' as const, title: e.question, body: e.answer, keywords: e.keywords, href: faqPath(e.id), procedureKey: e.procedureKey })),
        ...answers.map((a) => ({ id: a.id, source: 'petition_answer' as const, title: { vi: a.title, en: a.title }, body: { vi: `${a.content}\n\nTrả lời của ${a.agency}: ${a.answer}`, en: `${a.content}\n\nAnswer of ${a.agency}: ${a.answer}` }, href: publishedAnswerPath(a.id), procedureKey: a.procedureKey })),
      ],
    };
  };
  const assistant = new AssistantService(sources, config.voice.assistantRefreshMs, Date.now, phraser);
  const officerAssistant = new OfficerAssistant(ports, assistant);
  registerVoiceRoutes(app, { db, now: () => clock.now(), ratings, petitions, assistant, officerAssistant, faq, publicRateLimitPerMinute: config.voice.publicRateLimitPerMinute });
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<unknown> | null = null;
  return {
    ratings,
    petitions,
    assistant,
    faq,
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
