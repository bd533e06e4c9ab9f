/**
 * The virtual assistant on the server: the pure retrieval of src/shared/assistant over the published catalogue, the
 * published FAQ entries and the published (anonymised) petition answers, rebuilt at most every ASSISTANT_REFRESH_MS
 * (the old index answers while a new one is built) or at once after the FAQ changed; then, if one is configured, a
 * language model phrases the answer from its cited passages.
 */
import { Assistant, type AssistantAnswer, type AssistantPassage, type AssistantProcedure } from '../../shared/assistant';
import { noPhraser, type Phraser } from './phraser';

export interface AssistantSources {
  procedures: AssistantProcedure[];
  passages: AssistantPassage[];
}

export class AssistantService {
  private current: { at: number; assistant: Assistant } | null = null;
  private building: Promise<Assistant> | null = null;
  private stale = false;

  constructor(
    private readonly source: () => Promise<AssistantSources | AssistantProcedure[]>,
    private readonly refreshMs: number,
    private readonly clock: () => number = Date.now,
    private readonly phraser: Phraser = noPhraser,
  ) {}

  private build(): Promise<Assistant> {
    this.building ??= this.source()
      .then((s) => {
        const { procedures, passages } = Array.isArray(s) ? { procedures: s, passages: [] } : s;
        const assistant = new Assistant(procedures, passages);
        this.current = { at: this.clock(), assistant };
        return assistant;
      })
      .finally(() => (this.building = null));
    return this.building;
  }

  /** The sources changed (an FAQ entry was saved): the next question is answered from a fresh index. */
  invalidate(): void {
    this.stale = true;
  }

  async ask(question: string, lang: 'vi' | 'en' = 'vi'): Promise<AssistantAnswer> {
    return this.phraser.phrase(question, await this.retrieve(question), lang);
  }

  /** The retrieved answer alone (no language model): for callers that build their own answer from it. */
  async retrieve(question: string): Promise<AssistantAnswer> {
    let assistant: Assistant;
    if (!this.current || this.stale) {
      this.stale = false;
      assistant = await this.build();
    } else {
      if (this.clock() - this.current.at > this.refreshMs) void this.build().catch(() => undefined);
      assistant = this.current.assistant;
    }
    return assistant.ask(question);
  }
}
