/**
 * `motcua witness`: a witness (nhân chứng) in the sense of C2SP tlog-witness. Another agency runs it with its own key
 * and state; it cosigns (C2SP tlog-cosignature v1) a log's checkpoint only after checking that it extends the last
 * one it cosigned, so a log cannot show two histories (a fork) or rewrite its past without the witness refusing and
 * keeping the evidence.
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import {
  fromBase64,
  openNote,
  parseCheckpoint,
  parseNote,
  signatureLine,
  toBase64,
  verifyConsistency,
  type Signer,
  type Verifier,
} from '../../shared/tlog';

export interface WitnessState {
  version: 1;
  /** Per log origin: the latest checkpoint cosigned. */
  logs: Record<string, { size: number; root: string; note: string; cosignature: string }>;
  /** Refused submissions that may prove misbehaviour (kept, newest last, at most 100). */
  evidence: Array<{ at: string; origin: string; reason: 'fork' | 'inconsistent'; had: { size: number; root: string }; submitted: string; oldSize: number }>;
}

export interface WitnessOptions {
  signer: Signer;
  /** Verifier keys of the logs this witness follows (each key's name is the log's origin). */
  logs: Verifier[];
  stateFile: string;
  now?: () => Date;
  onEvent?: (e: Record<string, unknown>) => void;
}

const MAX_BODY = 256 * 1024;

export class Witness {
  private state: WitnessState;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly now: () => Date;

  constructor(private readonly opts: WitnessOptions) {
    this.now = opts.now ?? (() => new Date());
    this.state = fs.existsSync(opts.stateFile) ? (JSON.parse(fs.readFileSync(opts.stateFile, 'utf8')) as WitnessState) : { version: 1, logs: {}, evidence: [] };
  }

  get snapshot(): WitnessState {
    return structuredClone(this.state);
  }

  private persist(): void {
    const tmp = `${this.opts.stateFile}.${process.pid}.tmp`;
    fs.mkdirSync(path.dirname(this.opts.stateFile), { recursive: true });
    const fd = fs.openSync(tmp, 'w', 0o600);
    fs.writeSync(fd, JSON.stringify(this.state, null, 1));
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fs.renameSync(tmp, this.opts.stateFile);
  }

  private evidence(e: WitnessState['evidence'][number]) {
    this.state.evidence.push(e);
    if (this.state.evidence.length > 100) this.state.evidence.splice(0, this.state.evidence.length - 100);
    this.persist();
    this.opts.onEvent?.({ event: 'refused', origin: e.origin, reason: e.reason, had: e.had.size, oldSize: e.oldSize });
  }

  /** Handles an add-checkpoint body; checks and the state update are serialised (no rollback race). */
  addCheckpoint(body: string): Promise<{ status: number; type: string; body: string }> {
    const run = this.queue.then(() => this.add(body));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private add(body: string): { status: number; type: string; body: string } {
    const text = (status: number, b: string, type = 'text/plain; charset=utf-8') => ({ status, type, body: b });
    const blank = body.indexOf('\n\n');
    if (blank < 0) return text(400, 'malformed request\n');
    const head = body.slice(0, blank).split('\n');
    const m = /^old (0|[1-9]\d*)$/.exec(head[0] ?? '');
    if (!m) return text(400, 'malformed old size line\n');
    const oldSize = Number(m[1]);
    if (head.length - 1 > 63) return text(400, 'too many proof lines\n');
    let proof: Uint8Array[];
    try {
      proof = head.slice(1).map((l) => fromBase64(l));
      if (proof.some((p) => p.length !== 32)) throw new Error('hash size');
    } catch {
      return text(400, 'malformed proof line\n');
    }
    const note = body.slice(blank + 2);
    let cpText: string;
    let cp: ReturnType<typeof parseCheckpoint>;
    try {
      cpText = parseNote(note).text;
      cp = parseCheckpoint(cpText);
    } catch {
      return text(400, 'malformed checkpoint\n');
    }
    const keys = this.opts.logs.filter((k) => k.name === cp.origin);
    if (!keys.length) return text(404, 'unknown log origin\n');
    if (!openNote(note, keys).verified.length) return text(403, 'no valid signature from the log key\n');
    if (oldSize > cp.size) return text(400, 'old size is larger than the checkpoint size\n');
    const had = this.state.logs[cp.origin];
    const hadSize = had?.size ?? 0;
    if (oldSize !== hadSize) return text(409, `${hadSize}\n`, 'text/x.tlog.size');
    const root = toBase64(cp.root);
    if (had && oldSize === cp.size) {
      if (had.root !== root) {
        // Two checkpoints of one size with different roots: the log forked.
        this.evidence({ at: this.now().toISOString(), origin: cp.origin, reason: 'fork', had: { size: had.size, root: had.root }, submitted: note, oldSize });
        return text(409, `${hadSize}\n`, 'text/x.tlog.size');
      }
      if (proof.length) return text(422, 'a proof between equal sizes is empty\n');
      return text(200, had.cosignature);
    }
    if (oldSize === 0) {
      if (proof.length) return text(422, 'the proof from size 0 is empty\n');
    } else if (!verifyConsistency(oldSize, cp.size, fromBase64(had!.root), cp.root, proof)) {
      this.evidence({ at: this.now().toISOString(), origin: cp.origin, reason: 'inconsistent', had: { size: had!.size, root: had!.root }, submitted: note, oldSize });
      return text(422, 'the checkpoint is not consistent with the one cosigned before\n');
    }
    const t = Math.floor(this.now().getTime() / 1000);
    const line = signatureLine(this.opts.signer.name, this.opts.signer.keyId, this.opts.signer.sign(cpText, t));
    this.state.logs[cp.origin] = { size: cp.size, root, note, cosignature: line };
    this.persist();
    this.opts.onEvent?.({ event: 'cosigned', origin: cp.origin, size: cp.size });
    return text(200, line);
  }

  /** The HTTP face: POST /add-checkpoint (C2SP), GET /checkpoint?origin=… (the latest cosigned, a MotCua extension). */
  server(): http.Server {
    const server = http.createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://witness');
      const send = (status: number, type: string, body: string) => {
        res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
        res.end(body);
      };
      if (req.method === 'GET' && url.pathname === '/checkpoint') {
        const log = this.state.logs[url.searchParams.get('origin') ?? ''];
        return log ? send(200, 'text/plain; charset=utf-8', log.note + log.cosignature) : send(404, 'text/plain; charset=utf-8', 'unknown log origin\n');
      }
      if (req.method !== 'POST' || url.pathname !== '/add-checkpoint') return send(404, 'text/plain; charset=utf-8', 'not found\n');
      const chunks: Buffer[] = [];
      let size = 0;
      req.on('data', (c: Buffer) => {
        size += c.length;
        if (size > MAX_BODY) {
          send(413, 'text/plain; charset=utf-8', 'request too large\n');
          req.destroy();
        } else chunks.push(c);
      });
      req.on('end', () => {
        if (size > MAX_BODY) return;
        this.addCheckpoint(Buffer.concat(chunks).toString('utf8'))
          .then((r) => send(r.status, r.type, r.body))
          .catch(() => send(500, 'text/plain; charset=utf-8', 'internal error\n'));
      });
    });
    // Idle connections outlive the clients' own idle timeout (undici keeps one 4 s, others up to a minute): a server
    // closing first races the client's next request on that socket ("fetch failed" under load).
    server.keepAliveTimeout = 65_000;
    return server;
  }
}
