/**
 * The virtual assistant (trợ lý ảo) for citizens: retrieval over the procedure catalogue, no language model.
 * A question is folded (no diacritics), its everyday phrasings expanded (synonyms.ts), and scored against each
 * procedure's name, result, documents, requirements and field with BM25 over syllables and syllable pairs; a word
 * not in the catalogue's vocabulary is replaced by its nearest one (edit distance, then trigrams) to absorb typos.
 * The answer cites the procedure it comes from (its page and the start of filing) and picks documents, fees,
 * processing time or the place to file by what the question asks. Pure: the server builds it from the catalogue,
 * the evaluation from the catalogue files.
 */
import type { ProcedureVersionInput } from '../catalog/procedure';
import { AGENCY_KINDS, LIFE_EVENTS, PROCEDURE_FIELDS } from '../catalog/taxonomy';
import { STOP_WORDS, editDistance, jaccard, syllables, tokens, trigrams } from './text';
import { SYNONYMS } from './synonyms';

export type AssistantProcedure = Pick<ProcedureVersionInput, 'key' | 'name' | 'field' | 'lifeEvents' | 'processingTime' | 'fees' | 'documents' | 'requirements' | 'submission' | 'legalBases' | 'result' | 'decidingAuthority' | 'agencyKind'>;

export type Focus = 'documents' | 'fees' | 'time' | 'where' | 'overview';
type Text = { vi: string; en: string };

export interface AssistantMatch {
  key: string;
  name: Text;
  score: number;
  link: string;
  startLink: string;
}

/**
 * A passage the assistant can answer from besides the catalogue: an entry of the FAQ that administrators edit (hỏi
 * đáp), or a published (anonymised) answer to a petition. Cited by its link.
 */
export interface AssistantPassage {
  id: string;
  source: 'faq' | 'petition_answer';
  title: Text;
  body: Text;
  /** Words people use for it that the title and body do not hold. */
  keywords?: string[];
  href: string;
  /** The procedure it is about, if any (its start button is offered). */
  procedureKey?: string | null;
}

export interface AssistantAnswer {
  kind: 'procedure' | 'passage' | 'dossier_status' | 'no_answer';
  focus: Focus;
  /** The reply, in Vietnamese and English, made only of the cited passages. */
  text: Text;
  /** The best procedure's facts, when there is one. */
  procedure: null | {
    key: string;
    name: Text;
    documents: Array<{ name: Text; mandatory: boolean; condition: Text | null }>;
    fees: Array<{ name: Text; amount: Text }>;
    time: Text;
    where: Text[];
    legalBases: string[];
    link: string;
    startLink: string;
  };
  /** Other procedures that may be what was meant. */
  alternatives: AssistantMatch[];
  /** Where each part of the answer comes from. */
  citations: Array<{ title: Text; href: string }>;
  /** Every procedure with a positive score, best first (the answer shows the first three at most). */
  ranking: string[];
  /** The FAQ entries and published answers that match too, best first (at most three); the answer when kind = passage. */
  passages: Array<{ id: string; source: AssistantPassage['source']; title: Text; href: string }>;
  /** Set when a configured language model phrased `text` from the cited passages. */
  phrased?: boolean;
}

const FIELD_WEIGHTS = { name: 4, nameEn: 3, result: 1.5, field: 1, lifeEvents: 0.8, documents: 0.5, requirements: 0.4, authority: 0.3 } as const;
type FieldName = keyof typeof FIELD_WEIGHTS;
const BIGRAM_BOOST = 1.6;
/**
 * Name coverage: how much of the question the procedure's name holds, and how much of the name the question holds.
 * Among procedures sharing words ("đăng ký thường trú" / "xóa đăng ký thường trú"), the one whose name is the
 * question wins over a longer, more specific one.
 */
const QUERY_COVER = 0.6;
const NAME_COVER = 0.4;
const K1 = 1.2;
/** Below this score no procedure is offered (the question is not about the catalogue). */
const MIN_SCORE = 5;
/** A passage must score this much to be offered, and beat the best procedure by this factor to be the answer. */
const PASSAGE_MIN_SCORE = 5;
const PASSAGE_OVER_PROCEDURE = 1.15;
const PASSAGE_WEIGHTS = { title: 4, keywords: 3, body: 1 } as const;
const DOSSIER_CODE = /\b\d{3}\.\d{2}\.\d{2}\.[A-Za-z]\d{2}-\d{6}-\d{4,}\b/;

const FOCUS_CUES: Array<[Focus, string[]]> = [
  ['fees', ['bao nhieu tien', 'het bao nhieu', 'mat bao nhieu', 'le phi', 'phi', 'mat tien', 'ton tien', 'mien phi', 'how much', 'fee', 'fees', 'cost', 'price', 'tien']],
  ['time', ['bao lau', 'may ngay', 'bao nhieu ngay', 'lay ngay', 'trong ngay', 'thoi han', 'how long', 'how many days', 'mat may']],
  ['where', ['o dau', 'noi nop', 'nop o', 'lam o', 'where', 'co quan nao']],
  ['documents', ['can gi', 'can nhung gi', 'giay to gi', 'giay to', 'ho so gom', 'can mang', 'what do i need', 'documents', 'can nhung', 'can giay']],
];

function focusOf(folded: string): Focus {
  const padded = ` ${folded} `;
  for (const [focus, cues] of FOCUS_CUES) if (cues.some((c) => padded.includes(` ${c} `))) return focus;
  return 'overview';
}

interface PassageDoc {
  p: AssistantPassage;
  tf: Map<string, number>;
}

interface Doc {
  p: AssistantProcedure;
  /** term → weighted frequency over the fields */
  tf: Map<string, number>;
  /** Content syllables of the Vietnamese and of the English name. */
  names: [Set<string>, Set<string>];
}

const money = (n: number) => `${n.toLocaleString('vi-VN')} đồng`;

function feeText(f: AssistantProcedure['fees'][number]): Text {
  switch (f.type) {
    case 'exempt':
      return { vi: 'Miễn phí', en: 'Free' };
    case 'fixed': {
      const online = f.onlineAmountVnd !== undefined && f.onlineAmountVnd !== f.amountVnd ? { vi: ` (nộp trực tuyến: ${money(f.onlineAmountVnd)})`, en: ` (online: ${money(f.onlineAmountVnd)})` } : { vi: '', en: '' };
      return { vi: `${money(f.amountVnd)}/${f.per.vi}${online.vi}`, en: `${money(f.amountVnd)} per ${f.per.en}${online.en}` };
    }
    case 'tiered':
      return { vi: f.tiers.map((t) => `${t.label.vi}: ${money(t.amountVnd)}`).join('; '), en: f.tiers.map((t) => `${t.label.en}: ${money(t.amountVnd)}`).join('; ') };
    case 'banded':
      return { vi: f.bands.map((b) => `${b.from}${b.to !== undefined ? `–${b.to}` : '+'} ${f.unit.vi}: ${money(b.amountVndPerUnit)}`).join('; '), en: f.bands.map((b) => `${b.from}${b.to !== undefined ? `–${b.to}` : '+'} ${f.unit.en}: ${money(b.amountVndPerUnit)}`).join('; ') };
  }
}

function timeText(t: AssistantProcedure['processingTime']): Text {
  switch (t.kind) {
    case 'same-day':
      return { vi: 'Trong ngày làm việc', en: 'Within the working day' };
    case 'working-days':
      return { vi: `${t.days} ngày làm việc`, en: `${t.days} working days` };
    case 'working-hours':
      return { vi: `${t.hours} giờ làm việc`, en: `${t.hours} working hours` };
    case 'calendar-days':
      return { vi: `${t.days} ngày`, en: `${t.days} days` };
  }
}

export class Assistant {
  private readonly docs: Doc[];
  private readonly df = new Map<string, number>();
  private readonly vocabulary: string[];
  private readonly grams = new Map<string, Set<string>>();
  private readonly synonyms: Array<{ words: string[]; add: string }>;
  private readonly passages: PassageDoc[];
  private readonly passageDf = new Map<string, number>();

  constructor(procedures: readonly AssistantProcedure[], passages: readonly AssistantPassage[] = []) {
    this.synonyms = SYNONYMS.map(([from, add]) => ({ words: syllables(from), add }));
    this.docs = procedures.map((p) => {
      const fields: Record<FieldName, string> = {
        name: p.name.vi,
        nameEn: p.name.en,
        result: `${p.result?.name.vi ?? ''} ${p.result?.name.en ?? ''}`,
        field: `${PROCEDURE_FIELDS[p.field as keyof typeof PROCEDURE_FIELDS]?.vi ?? ''} ${PROCEDURE_FIELDS[p.field as keyof typeof PROCEDURE_FIELDS]?.en ?? ''}`,
        lifeEvents: (p.lifeEvents ?? []).map((e) => `${LIFE_EVENTS[e as keyof typeof LIFE_EVENTS]?.vi ?? ''} ${LIFE_EVENTS[e as keyof typeof LIFE_EVENTS]?.en ?? ''}`).join(' '),
        documents: p.documents.map((d) => `${d.name.vi} ${d.name.en}`).join(' '),
        requirements: (p.requirements ?? []).map((r) => `${r.vi} ${r.en}`).join(' '),
        authority: `${p.decidingAuthority?.vi ?? ''}`,
      };
      const tf = new Map<string, number>();
      for (const [f, text] of Object.entries(fields) as Array<[FieldName, string]>) {
        const { unigrams, bigrams } = tokens(text);
        // Within a field, a term counts once per distinct occurrence, weighted; long fields do not drown names.
        for (const t of new Set(unigrams)) tf.set(t, (tf.get(t) ?? 0) + FIELD_WEIGHTS[f]);
        for (const t of new Set(bigrams)) tf.set(t, (tf.get(t) ?? 0) + FIELD_WEIGHTS[f]);
      }
      for (const t of tf.keys()) this.df.set(t, (this.df.get(t) ?? 0) + 1);
      const names: [Set<string>, Set<string>] = [new Set(tokens(p.name.vi).unigrams), new Set(tokens(p.name.en).unigrams)];
      return { p, tf, names };
    });
    this.passages = passages.map((p) => {
      const tf = new Map<string, number>();
      const fields: Array<[string, number]> = [
        [`${p.title.vi} ${p.title.en}`, PASSAGE_WEIGHTS.title],
        [(p.keywords ?? []).join(' '), PASSAGE_WEIGHTS.keywords],
        [`${p.body.vi} ${p.body.en}`, PASSAGE_WEIGHTS.body],
      ];
      for (const [text, w] of fields) {
        const { unigrams, bigrams } = tokens(text);
        for (const t of new Set([...unigrams, ...bigrams])) tf.set(t, (tf.get(t) ?? 0) + w);
      }
      for (const t of tf.keys()) this.passageDf.set(t, (this.passageDf.get(t) ?? 0) + 1);
      return { p, tf };
    });
    this.vocabulary = [...new Set([...this.df.keys(), ...this.passageDf.keys()])].filter((t) => !t.includes('_') && t.length >= 2);
    for (const w of this.vocabulary) this.grams.set(w, trigrams(w));
  }

  private idf(t: string, df = this.df, n = this.docs.length): number {
    const d = df.get(t) ?? 0;
    return Math.log(1 + (n - d + 0.5) / (d + 0.5));
  }

  /** The nearest catalogue word to an unknown one (a typo), or null. */
  private correct(word: string): string | null {
    // Short syllables are real words more often than typos ("sao" is not a misspelt "san").
    if (this.df.has(word) || this.passageDf.has(word) || STOP_WORDS.has(word) || word.length < 4 || /^\d+$/.test(word)) return null;
    let best: string | null = null;
    let bestD = 2;
    for (const w of this.vocabulary) {
      const d = editDistance(word, w, 1);
      const freq = (x: string) => (this.df.get(x) ?? 0) + (this.passageDf.get(x) ?? 0);
      if (d < bestD || (d === bestD && best && freq(w) > freq(best))) {
        best = w;
        bestD = d;
      }
    }
    if (best && bestD <= 1) return best;
    const g = trigrams(word);
    let bestJ = 0.45;
    for (const w of this.vocabulary) {
      const j = jaccard(g, this.grams.get(w)!);
      if (j > bestJ) {
        best = w;
        bestJ = j;
      }
    }
    return bestJ > 0.45 ? best : null;
  }

  /** The question's syllables after typo correction, plus the expansions of its everyday phrasings. */
  private expand(question: string): { main: string[]; extra: string[] } {
    const raw = syllables(question);
    const main = raw.map((w) => this.correct(w) ?? w);
    const extra: string[] = [];
    const joined = ` ${main.join(' ')} `;
    const rawJoined = ` ${raw.join(' ')} `;
    for (const s of this.synonyms) {
      const phrase = ` ${s.words.join(' ')} `;
      if (joined.includes(phrase) || rawJoined.includes(phrase)) extra.push(s.add);
    }
    return { main, extra };
  }

  /** The question's terms with their weights (typos corrected, everyday phrasings expanded), and its content words. */
  private terms(question: string): { weights: Map<string, number>; asked: Set<string> } {
    const { main, extra } = this.expand(question);
    const q = tokens(main.join(' '));
    const x = tokens(extra.join(' '));
    const weights = new Map<string, number>();
    const add = (t: string, w: number) => weights.set(t, Math.max(weights.get(t) ?? 0, w));
    for (const t of q.unigrams) add(t, 1);
    for (const t of q.bigrams) add(t, BIGRAM_BOOST);
    for (const t of x.unigrams) add(t, 0.8);
    for (const t of x.bigrams) add(t, BIGRAM_BOOST * 0.9);
    return { weights, asked: new Set([...q.unigrams, ...x.unigrams]) };
  }

  /** Scores of the FAQ entries and published answers for a question, best first (positive scores only). */
  rankPassages(question: string, terms = this.terms(question)): Array<{ doc: PassageDoc; score: number }> {
    const n = this.passages.length;
    return this.passages
      .map((doc) => {
        let score = 0;
        for (const [t, w] of terms.weights) {
          const f = doc.tf.get(t);
          if (f) score += w * this.idf(t, this.passageDf, n) * ((f * (K1 + 1)) / (f + K1));
        }
        return { doc, score };
      })
      .filter((r) => r.score > 0)
      .sort((a, b) => b.score - a.score || a.doc.p.id.localeCompare(b.doc.p.id));
  }

  /** Scores of every procedure for a question, best first. */
  rank(question: string, terms = this.terms(question)): Array<{ doc: Doc; score: number }> {
    const { weights, asked } = terms;
    const cover = (name: Set<string>) => {
      if (!asked.size || !name.size) return 0;
      let inter = 0;
      for (const t of name) if (asked.has(t)) inter++;
      return QUERY_COVER * (inter / Math.min(asked.size, name.size)) + NAME_COVER * (inter / name.size);
    };
    const scored = this.docs.map((doc) => {
      let score = 0;
      for (const [t, w] of weights) {
        const f = doc.tf.get(t);
        if (!f) continue;
        score += w * this.idf(t) * ((f * (K1 + 1)) / (f + K1));
      }
      if (score > 0) score *= 1 + Math.max(cover(doc.names[0]), cover(doc.names[1]));
      return { doc, score };
    });
    return scored.sort((a, b) => b.score - a.score || a.doc.p.key.localeCompare(b.doc.p.key));
  }

  ask(question: string): AssistantAnswer {
    const folded = syllables(question).join(' ');
    const focus = focusOf(folded);
    const code = DOSSIER_CODE.exec(question)?.[0];
    if (code) {
      const href = `/tra-cuu/${encodeURIComponent(code.toUpperCase())}`;
      return {
        kind: 'dossier_status',
        focus,
        text: { vi: `Xem tình trạng hồ sơ ${code.toUpperCase()} tại trang tra cứu hồ sơ.`, en: `See the status of dossier ${code.toUpperCase()} on the dossier lookup page.` },
        procedure: null,
        alternatives: [],
        citations: [{ title: { vi: `Tra cứu hồ sơ ${code.toUpperCase()}`, en: `Dossier ${code.toUpperCase()}` }, href }],
        ranking: [],
        passages: [],
      };
    }
    const terms = this.terms(question);
    const ranked = this.rank(question, terms);
    const found = this.rankPassages(question, terms).filter((r) => r.score >= PASSAGE_MIN_SCORE);
    const passages = found.slice(0, 3).map(({ doc: { p } }) => ({ id: p.id, source: p.source, title: p.title, href: p.href }));
    const ranking = ranked.filter((r) => r.score > 0).map((r) => r.doc.p.key);
    const top = ranked[0];
    const match = (r: { doc: Doc; score: number }): AssistantMatch => ({ key: r.doc.p.key, name: r.doc.p.name, score: Math.round(r.score * 100) / 100, link: `/thu-tuc/${r.doc.p.key}`, startLink: `/thu-tuc/${r.doc.p.key}/nop` });
    const best = found[0];
    const procedureScore = top && top.score >= MIN_SCORE ? top.score : 0;
    if (best && best.score > procedureScore * PASSAGE_OVER_PROCEDURE) {
      // The FAQ or a published answer says it better than any procedure: its text, cited, and the procedures after.
      const p = best.doc.p;
      const about = p.procedureKey ? ranked.find((r) => r.doc.p.key === p.procedureKey) : undefined;
      return {
        kind: 'passage',
        focus,
        text: { vi: `${p.title.vi}\n\n${p.body.vi}`, en: `${p.title.en}\n\n${p.body.en}` },
        procedure: null,
        alternatives: [...(about ? [about] : []), ...ranked.filter((r) => r !== about && r.score >= MIN_SCORE).slice(0, about ? 1 : 2)].map(match),
        citations: [{ title: p.title, href: p.href }],
        ranking,
        passages,
      };
    }
    if (!top || top.score < MIN_SCORE) {
      return {
        kind: 'no_answer',
        focus,
        text: { vi: 'Chưa tìm thấy thủ tục phù hợp. Hãy thử diễn đạt khác, tìm trong danh mục thủ tục, hoặc gửi phản ánh, kiến nghị.', en: 'No matching procedure found. Try other words, search the catalogue, or send a petition.' },
        procedure: null,
        alternatives: ranked.slice(0, 3).filter((r) => r.score > 0).map(match),
        citations: [],
        ranking,
        passages,
      };
    }
    const p = top.doc.p;
    const link = `/thu-tuc/${p.key}`;
    const documents = p.documents.map((d) => ({ name: d.name, mandatory: d.requirement === 'mandatory', condition: d.condition ?? null }));
    const fees = p.fees.map((f) => ({ name: f.name, amount: feeText(f) }));
    const time = timeText(p.processingTime);
    const where = [...(p.submission?.places ?? [])];
    const kind = AGENCY_KINDS[p.agencyKind as keyof typeof AGENCY_KINDS];
    if (!where.length && kind) where.push(kind);
    const list = (xs: string[]) => xs.map((x) => `• ${x}`).join('\n');
    const parts: Record<Focus, Text> = {
      documents: {
        vi: `Hồ sơ gồm:\n${list(documents.map((d) => `${d.name.vi}${d.condition ? ` (${d.condition.vi})` : d.mandatory ? '' : ' (nếu có)'}`))}`,
        en: `Documents:\n${list(documents.map((d) => `${d.name.en}${d.condition ? ` (${d.condition.en})` : d.mandatory ? '' : ' (if any)'}`))}`,
      },
      fees: { vi: `Phí, lệ phí:\n${list(fees.map((f) => `${f.name.vi}: ${f.amount.vi}`)) || '• Không thu'}`, en: `Fees:\n${list(fees.map((f) => `${f.name.en}: ${f.amount.en}`)) || '• None'}` },
      time: { vi: `Thời hạn giải quyết: ${time.vi}.`, en: `Processing time: ${time.en}.` },
      where: { vi: `Nơi nộp:\n${list(where.map((w) => w.vi))}`, en: `Where to file:\n${list(where.map((w) => w.en))}` },
      overview: { vi: '', en: '' },
    };
    const order: Focus[] = focus === 'overview' || focus === 'documents' ? ['documents', 'time', 'fees'] : [focus, 'documents'];
    const body = order.map((f) => parts[f]);
    const text = {
      vi: [`Thủ tục: ${p.name.vi} (${link})`, ...body.map((b) => b.vi)].join('\n\n'),
      en: [`Procedure: ${p.name.en} (${link})`, ...body.map((b) => b.en)].join('\n\n'),
    };
    return {
      kind: 'procedure',
      focus,
      text,
      procedure: { key: p.key, name: p.name, documents, fees, time, where, legalBases: p.legalBases, link, startLink: `${link}/nop` },
      alternatives: ranked.slice(1, 3).filter((r) => r.score >= MIN_SCORE).map(match),
      citations: [{ title: p.name, href: link }, ...(p.legalBases.length ? [{ title: { vi: `Căn cứ pháp lý: ${p.legalBases.slice(0, 3).join('; ')}`, en: `Legal basis: ${p.legalBases.slice(0, 3).join('; ')}` }, href: `${link}#can-cu` }] : [])],
      ranking,
      passages,
    };
  }
}


