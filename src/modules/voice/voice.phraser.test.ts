/**
 * The optional language model behind the assistant, against a simulated OpenAI-compatible chat server on loopback
 * (a true external border): it phrases only from the numbered passages, a reply that cites nothing it was given (or
 * something it was not) is dropped, an error or a timeout leaves the retrieved answer, and personal data in the
 * question is masked unless allowed.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Assistant, type AssistantProcedure } from '../../shared/assistant';
import { acceptedReply, maskPersonalData } from '../../shared/assistant/phrasing';
import { OpenAiCompatiblePhraser } from './phraser';

interface Seen {
  auth: string | undefined;
  body: { model: string; messages: Array<{ role: string; content: string }> };
}
let server: Server;
let url: string;
const seen: Seen[] = [];
/** What the simulated model answers next: a reply text, an HTTP status, or a delay past the timeout. */
let next: { reply?: string; status?: number; delayMs?: number } = {};

beforeAll(async () => {
  server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      if (req.method !== 'POST' || req.url !== '/v1/chat/completions') {
        res.writeHead(404).end();
        return;
      }
      seen.push({ auth: req.headers.authorization, body: JSON.parse(raw) });
      const { reply = '', status = 200, delayMs = 0 } = next;
      setTimeout(() => {
        if (res.destroyed) return;
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(status === 200 ? JSON.stringify({ id: 'x', object: 'chat.completion', choices: [{ index: 0, message: { role: 'assistant', content: reply }, finish_reason: 'stop' }] }) : '{"error":{"message":"overloaded"}}');
      }, delayMs);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const birth = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../seed/catalog/civil-status/birth-registration.json'), 'utf8')).procedures[0] as AssistantProcedure;
const assistant = new Assistant([birth]);
const warnings: string[] = [];
const log = { warn: (_o: object, msg: string) => void warnings.push(msg) };
const phraser = (over: { allowPersonalData?: boolean; timeoutMs?: number } = {}) => new OpenAiCompatiblePhraser({ url, model: 'vi-gov-7b', key: 'sk-test', timeoutMs: over.timeoutMs ?? 2000, allowPersonalData: over.allowPersonalData ?? false }, log);
const question = 'lam giay khai sinh cho con can gi';

describe('phrasing the assistant’s answer with a language model', () => {
  it('sends the numbered passages and the question, and takes a reply that cites them', async () => {
    const retrieved = assistant.ask(question);
    next = { reply: 'Bạn cần tờ khai đăng ký khai sinh và giấy chứng sinh [2]. Thời hạn giải quyết như nêu ở đoạn [3].' };
    const a = await phraser().phrase(question, retrieved, 'vi');
    expect(a.phrased).toBe(true);
    expect(a.text.vi).toBe(next.reply);
    expect(a.text.en).toBe(retrieved.text.en);
    expect(a.procedure).toEqual(retrieved.procedure);
    expect(a.citations).toEqual(retrieved.citations);
    const req = seen.at(-1)!;
    expect(req.auth).toBe('Bearer sk-test');
    expect(req.body.model).toBe('vi-gov-7b');
    expect(req.body.messages[0].content).toContain('[1] Thủ tục:');
    expect(req.body.messages[0].content).toContain('[2] Hồ sơ gồm:');
    expect(req.body.messages[1]).toEqual({ role: 'user', content: question });
  });

  it('drops a reply that cites nothing, cites a passage it was not given, or says it does not know', async () => {
    const retrieved = assistant.ask(question);
    for (const reply of ['Bạn cần mang chứng minh thư và sổ hộ khẩu.', 'Cần giấy chứng sinh [7].', 'KHÔNG RÕ', '']) {
      next = { reply };
      const a = await phraser().phrase(question, retrieved, 'vi');
      expect(a, reply).toEqual(retrieved);
    }
  });

  it('keeps the retrieved answer when the model fails or is too slow, and says so in the log without the question', async () => {
    const retrieved = assistant.ask(question);
    warnings.length = 0;
    next = { status: 503 };
    expect(await phraser().phrase(question, retrieved, 'vi')).toEqual(retrieved);
    next = { reply: 'Giấy chứng sinh [2].', delayMs: 500 };
    expect(await phraser({ timeoutMs: 100 }).phrase(question, retrieved, 'vi')).toEqual(retrieved);
    expect(warnings).toHaveLength(2);
    for (const w of warnings) expect(w).not.toContain('khai sinh');
  });

  it('masks personal data in the question unless the installation allows it', async () => {
    const q = 'con toi so dinh danh 031085001234, sdt 0912345678, email an.nguyen@example.vn, lam giay khai sinh can gi';
    const retrieved = assistant.ask(q);
    next = { reply: 'Hồ sơ gồm [2].' };
    await phraser().phrase(q, retrieved, 'vi');
    const sent = seen.at(-1)!.body.messages[1].content;
    expect(sent).not.toMatch(/031085001234|0912345678|an\.nguyen@example\.vn/);
    expect(sent).toContain('[số định danh]');
    await phraser({ allowPersonalData: true }).phrase(q, retrieved, 'vi');
    expect(seen.at(-1)!.body.messages[1].content).toBe(q);
  });

  it('does not call the model for answers that have no passages (a dossier code, no answer)', async () => {
    const before = seen.length;
    const status = assistant.ask('tinh trang ho so 000.00.21.H38-261203-0001');
    expect(await phraser().phrase('x', status, 'vi')).toEqual(status);
    const none = assistant.ask('thoi tiet ha noi hom nay');
    expect(await phraser().phrase('x', none, 'vi')).toEqual(none);
    expect(seen.length).toBe(before);
  });
});

describe('the pure checks', () => {
  it('masks identifiers, phones, e-mail addresses and dossier codes', () => {
    expect(maskPersonalData('CCCD 001203004567 goi +84 912 345 678 hoac 0987654321, ho so 000.00.21.H38-261203-0001')).toBe('CCCD [số định danh] goi [số điện thoại] hoac [số điện thoại], ho so [mã hồ sơ]');
  });
  it('accepts a reply only with citations within the passages given', () => {
    expect(acceptedReply('A [1] B [2]', 2)).toBe('A [1] B [2]');
    expect(acceptedReply('A [3]', 2)).toBeNull();
    expect(acceptedReply('A [0]', 2)).toBeNull();
    expect(acceptedReply('UNKNOWN', 2)).toBeNull();
  });
});
