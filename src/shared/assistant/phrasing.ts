/**
 * Phrasing an answer with a language model, the pure parts: the numbered passages the model may use (taken from the
 * answer the retrieval already built, so a fact can only come from the catalogue, the FAQ or a published answer),
 * the prompt, the masking of personal data in the question, and the check of the model's reply — it must cite at
 * least one passage it was given, by its number, and no other; otherwise it is dropped and the retrieved answer
 * stands. No I/O here.
 */
import type { AssistantAnswer } from './assistant';

type Lang = 'vi' | 'en';

export interface ChatMessage {
  role: 'system' | 'user';
  content: string;
}

/** The answer's text split into passages: one per paragraph (the procedure line, documents, time, fees, a passage). */
export function passagesOf(a: AssistantAnswer, lang: Lang): string[] {
  return a.text[lang]
    .split(/\n{2,}/)
    .map((p) => p.trim())
    .filter(Boolean);
}

const MASKS: Array<[RegExp, string]> = [
  [/[\w.+-]+@[\w-]+(\.[\w-]+)+/g, '[thư điện tử]'],
  [/\b\d{3}\.\d{2}\.\d{2}\.[A-Za-z]\d{2}-\d{6}-\d{4,}\b/g, '[mã hồ sơ]'],
  [/\b\d{12}\b/g, '[số định danh]'],
  [/\b\d{9}\b/g, '[số chứng minh]'],
  [/(\+84|\b0)(\s?\d){9,10}\b/g, '[số điện thoại]'],
];

/** The question with personal identifiers, phone numbers, e-mail addresses and dossier codes masked. */
export function maskPersonalData(question: string): string {
  let q = question;
  for (const [re, mask] of MASKS) q = q.replace(re, mask);
  return q;
}

const SYSTEM: Record<Lang, string> = {
  vi:
    'Bạn là trợ lý ảo của cổng dịch vụ công. Chỉ trả lời bằng thông tin trong các đoạn được đánh số dưới đây, bằng tiếng Việt, ngắn gọn, lịch sự. ' +
    'Sau mỗi ý, ghi số đoạn đã dùng trong ngoặc vuông, ví dụ [1]. Không thêm thông tin không có trong các đoạn. ' +
    'Nếu các đoạn không trả lời được câu hỏi, chỉ viết: KHÔNG RÕ',
  en:
    'You are the virtual assistant of a public-service portal. Answer only from the numbered passages below, in English, briefly and politely. ' +
    'After each point, cite the passage used in square brackets, e.g. [1]. Add nothing the passages do not say. ' +
    'If the passages do not answer the question, write only: UNKNOWN',
};

export function phrasingPrompt(question: string, passages: readonly string[], lang: Lang): ChatMessage[] {
  const numbered = passages.map((p, i) => `[${i + 1}] ${p}`).join('\n\n');
  return [
    { role: 'system', content: `${SYSTEM[lang]}\n\n${numbered}` },
    { role: 'user', content: question },
  ];
}

/**
 * The model's reply if it stands: not empty, not the "unknown" answer, citing at least one of the passages given and
 * none beyond them. null = drop it (the retrieved answer is shown instead).
 */
export function acceptedReply(reply: string, passageCount: number): string | null {
  const text = reply.trim();
  if (!text || /^(KHÔNG RÕ|UNKNOWN)\.?$/i.test(text)) return null;
  const cited = [...text.matchAll(/\[(\d{1,3})\]/g)].map((m) => Number(m[1]));
  if (!cited.length) return null;
  if (cited.some((n) => n < 1 || n > passageCount)) return null;
  return text;
}
