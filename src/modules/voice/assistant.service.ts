/**
 * The virtual assistant on the server: the pure retrieval of src/shared/assistant over the published catalogue,
 * rebuilt at most every ASSISTANT_REFRESH_MS (the old index answers while a new one is built).
 */
import { Assistant, type AssistantAnswer, type AssistantProcedure } from '../../shared/assistant';

export class AssistantService {
  private current: { at: number; assistant: Assistant } | null = null;
  private building: Promise<Assistant> | null = null;

  constructor(
    private readonly source: () => Promise<AssistantProcedure[]>,
    private readonly refreshMs: number,
    private readonly clock: () => number = Date.now,
  ) {}

  private build(): Promise<Assistant> {
    this.building ??= this.source()
      .then((procedures) => {
        const assistant = new Assistant(procedures);
        this.current = { at: this.clock(), assistant };
        return assistant;
      })
      .finally(() => (this.building = null));
    return this.building;
  }

  async ask(question: string): Promise<AssistantAnswer> {
    if (!this.current) return (await this.build()).ask(question);
    if (this.clock() - this.current.at > this.refreshMs) void this.build().catch(() => undefined);
    return this.current.assistant.ask(question);
  }
}
