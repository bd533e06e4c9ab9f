/**
 * The optional language model behind the assistant: an OpenAI-compatible chat endpoint (`POST {url}/chat/completions`)
 * set by configuration. It only rephrases the passages retrieval found (src/shared/assistant/phrasing.ts); a reply
 * that cites nothing it was given, an error or a timeout leaves the retrieved answer as it is. The question is sent
 * with personal data masked unless the installation allows otherwise. Neither question nor reply is logged.
 */
import type { AssistantAnswer } from '../../shared/assistant';
import { acceptedReply, maskPersonalData, passagesOf, phrasingPrompt } from '../../shared/assistant/phrasing';
import type { VoiceConfig } from '../../config';

type LlmConfig = NonNullable<VoiceConfig['assistantLlm']>;

export interface Phraser {
  phrase(question: string, answer: AssistantAnswer, lang: 'vi' | 'en'): Promise<AssistantAnswer>;
}

/** No model configured: the retrieved answer as it is. */
export const noPhraser: Phraser = { phrase: async (_q, a) => a };

export class OpenAiCompatiblePhraser implements Phraser {
  constructor(
    private readonly cfg: LlmConfig,
    private readonly log: { warn(obj: object, msg: string): void },
    private readonly fetchImpl: typeof fetch = fetch,
  ) {}

  async phrase(question: string, answer: AssistantAnswer, lang: 'vi' | 'en'): Promise<AssistantAnswer> {
    // Only answers built from passages are phrased: a dossier status or "no answer" has nothing to phrase from.
    if (answer.kind !== 'procedure' && answer.kind !== 'passage') return answer;
    const passages = passagesOf(answer, lang);
    if (!passages.length) return answer;
    const q = this.cfg.allowPersonalData ? question : maskPersonalData(question);
    try {
      const res = await this.fetchImpl(`${this.cfg.url}/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(this.cfg.key ? { authorization: `Bearer ${this.cfg.key}` } : {}) },
        body: JSON.stringify({ model: this.cfg.model, messages: phrasingPrompt(q, passages, lang), temperature: 0, max_tokens: 600 }),
        signal: AbortSignal.timeout(this.cfg.timeoutMs),
      });
      if (!res.ok) {
        this.log.warn({ status: res.status }, 'assistant language model answered an error; the retrieved answer is used');
        return answer;
      }
      const body = (await res.json()) as { choices?: Array<{ message?: { content?: unknown } }> };
      const content = body.choices?.[0]?.message?.content;
      const text = typeof content === 'string' ? acceptedReply(content, passages.length) : null;
      if (!text) return answer;
      return { ...answer, text: { ...answer.text, [lang]: text }, phrased: true };
    } catch (err) {
      this.log.warn({ err: (err as Error).name }, 'assistant language model unreachable; the retrieved answer is used');
      return answer;
    }
  }
}
