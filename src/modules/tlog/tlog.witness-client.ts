import { toBase64, parseSignatureLine, type Hash, type Verifier } from '../../shared/tlog';

/** Thrown when a witness refuses a checkpoint (its status and answer, for the operator). */
export class WitnessRefused extends Error {
  constructor(
    readonly status: number,
    readonly body: string,
  ) {
    super(`witness refused the checkpoint: ${status} ${body.slice(0, 200)}`);
    this.name = 'WitnessRefused';
  }
}

/** The log's side of C2SP tlog-witness: submit a checkpoint with a consistency proof, get a cosignature back. */
export class WitnessClient {
  constructor(
    readonly verifier: Verifier,
    readonly url: string,
    private readonly timeoutMs = 5000,
  ) {}

  /**
   * Submits `note` as the successor of the checkpoint of size `oldSize` the witness last cosigned. On 409 the
   * witness says which size it has; the request is made once more from there. Returns the verified cosignatures.
   */
  async addCheckpoint(note: string, oldSize: number, proof: (old: number) => Promise<Hash[]>): Promise<Array<{ line: string; timestamp?: number }>> {
    const text = note.slice(0, note.lastIndexOf('\n\n') + 1);
    const size = Number(text.split('\n')[1]);
    let old = Math.min(oldSize, size);
    for (let attempt = 0; attempt < 2; attempt++) {
      const hashes = old > 0 && old < size ? await proof(old) : [];
      const body = `old ${old}\n${hashes.map((h) => `${toBase64(h)}\n`).join('')}\n${note}`;
      const res = await fetch(`${this.url}/add-checkpoint`, { method: 'POST', body, headers: { 'content-type': 'text/plain; charset=utf-8' }, signal: AbortSignal.timeout(this.timeoutMs) });
      const answer = await res.text();
      if (res.status === 409 && (res.headers.get('content-type') ?? '').startsWith('text/x.tlog.size') && attempt === 0) {
        const theirs = Number(answer.trim());
        if (Number.isSafeInteger(theirs) && theirs >= 0 && theirs <= size && theirs !== old) {
          old = theirs;
          continue;
        }
      }
      if (res.status !== 200) throw new WitnessRefused(res.status, answer);
      const out: Array<{ line: string; timestamp?: number }> = [];
      for (const l of answer.split('\n').filter(Boolean)) {
        const s = parseSignatureLine(`${l}\n`);
        if (s.name !== this.verifier.name || s.keyId !== this.verifier.keyId) continue;
        const v = this.verifier.verify(text, s.sig);
        if (v.ok) out.push({ line: s.line, timestamp: v.timestamp });
      }
      if (!out.length) throw new WitnessRefused(200, 'no valid cosignature in the answer');
      return out;
    }
    throw new WitnessRefused(409, 'the witness and the log do not agree on the last size');
  }
}
