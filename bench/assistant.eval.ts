/**
 * eval:assistant — asks the virtual assistant every question of bench/assistant/questions.json (citizens' phrasings,
 * each labelled with its procedure; written before the assistant, split into a tuning half and a held-out half)
 * over the demo catalogue and the demo FAQ (seed/voice/faq.json), without a language model, and prints one JSON line: hit@1, hit@3 and the answer time
 * p95, overall and per half, beside a bare baseline doing the same retrieval without synonyms or typo correction
 * (folded keyword overlap with the procedure names). `--misses` lists the tuning half's misses on stderr (never
 * the held-out half's).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readCatalogueFiles } from '../src/modules/catalog';
import { Assistant, type AssistantPassage } from '../src/shared/assistant';
import { syllables } from '../src/shared/assistant/text';

interface Question {
  q: string;
  expect: string;
  set: 'tune' | 'held-out';
}
const here = path.dirname(fileURLToPath(import.meta.url));
const { questions } = JSON.parse(fs.readFileSync(path.join(here, 'assistant', 'questions.json'), 'utf8')) as { questions: Question[] };
const procedures = (await readCatalogueFiles()).flatMap((f) => f.procedures);
const keys = new Set(procedures.map((p) => p.key));
for (const q of questions) if (!keys.has(q.expect)) throw new Error(`question "${q.q}" expects unknown procedure ${q.expect}`);

// The demo FAQ is a source too (as on the demo server): a question about a procedure must still get the procedure.
const faq = JSON.parse(fs.readFileSync(path.join(here, '..', 'seed', 'voice', 'faq.json'), 'utf8')) as { entries: Array<{ question: AssistantPassage['title']; answer: AssistantPassage['body']; keywords: string[] }> };
const passages: AssistantPassage[] = faq.entries.map((e, i) => ({ id: `faq-${i}`, source: 'faq', title: e.question, body: e.answer, keywords: e.keywords, href: `/hoi-dap#hd-${i}` }));
const assistant = new Assistant(procedures, passages);
/** The bare baseline: count of the question's folded syllables found in each procedure's folded name. */
const names = procedures.map((p) => ({ key: p.key, words: new Set([...syllables(p.name.vi), ...syllables(p.name.en)]) }));
const baseline = (q: string) =>
  names
    .map((n) => ({ key: n.key, s: syllables(q).filter((w) => n.words.has(w)).length }))
    .sort((a, b) => b.s - a.s || a.key.localeCompare(b.key))
    .filter((x) => x.s > 0)
    .map((x) => x.key);

// Warm up (JIT), then measure each answer.
for (const q of questions.slice(0, 20)) assistant.ask(q.q);
const rows = questions.map((q) => {
  const t0 = process.hrtime.bigint();
  const a = assistant.ask(q.q);
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const b = baseline(q.q);
  // What the citizen is shown: the answer's procedure, then its alternatives (nothing for "no answer").
  const shown = a.procedure ? [a.procedure.key, ...a.alternatives.map((x) => x.key)] : a.kind === 'passage' ? ['(faq)', ...a.alternatives.map((x) => x.key)] : [];
  return { q, ms, rank: shown.indexOf(q.expect), top: shown, base: b.indexOf(q.expect) };
});
const p95 = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return Math.round(s[Math.min(s.length - 1, Math.ceil(0.95 * s.length) - 1)] * 1000) / 1000;
};
const r3 = (x: number) => Math.round(x * 1000) / 1000;
const stats = (rs: typeof rows) => ({
  questions: rs.length,
  hit_at_1: r3(rs.filter((r) => r.rank === 0).length / rs.length),
  hit_at_3: r3(rs.filter((r) => r.rank >= 0 && r.rank < 3).length / rs.length),
  p95_ms: p95(rs.map((r) => r.ms)),
});
const all = stats(rows);
if (process.argv.includes('--misses')) {
  for (const r of rows.filter((x) => x.q.set === 'tune' && x.rank !== 0)) process.stderr.write(`miss@1 (${r.rank}) ${r.q.q} → expected ${r.q.expect}, got ${r.top.join(', ')}\n`);
}
console.log(
  JSON.stringify({
    bench: 'assistant',
    ...all,
    tune: stats(rows.filter((r) => r.q.set === 'tune')),
    held_out: stats(rows.filter((r) => r.q.set === 'held-out')),
    baseline: { hit_at_1: r3(rows.filter((r) => r.base === 0).length / rows.length), hit_at_3: r3(rows.filter((r) => r.base >= 0 && r.base < 3).length / rows.length) },
    procedures: procedures.length,
    language_model: false,
  }),
);
