/** C2SP tlog-checkpoint: the note text `<origin>\n<size>\n<base64 root>\n[extension lines]`. */
import { fromBase64, toBase64 } from './bytes';
import type { Hash } from './hash';

export interface Checkpoint {
  origin: string;
  size: number;
  root: Hash;
  extensions: string[];
}

export class CheckpointError extends Error {}

export function formatCheckpoint(c: { origin: string; size: number; root: Hash; extensions?: string[] }): string {
  if (!c.origin || /[\n]/.test(c.origin)) throw new CheckpointError('invalid origin');
  if (!Number.isSafeInteger(c.size) || c.size < 0) throw new CheckpointError('invalid size');
  if (c.root.length !== 32) throw new CheckpointError('a root hash is 32 bytes');
  return `${c.origin}\n${c.size}\n${toBase64(c.root)}\n${(c.extensions ?? []).map((e) => `${e}\n`).join('')}`;
}

export function parseCheckpoint(text: string): Checkpoint {
  const lines = text.split('\n');
  if (lines.length < 4 || lines[lines.length - 1] !== '') throw new CheckpointError('a checkpoint has at least three lines, each ending in a newline');
  const [origin, sizeLine, rootLine, ...rest] = lines.slice(0, -1);
  if (!origin) throw new CheckpointError('empty origin');
  if (!/^(0|[1-9]\d*)$/.test(sizeLine)) throw new CheckpointError('size is not a decimal without leading zeroes');
  const size = Number(sizeLine);
  if (!Number.isSafeInteger(size)) throw new CheckpointError('size too large');
  let root: Hash;
  try {
    root = fromBase64(rootLine);
  } catch {
    throw new CheckpointError('root is not base64');
  }
  if (root.length !== 32) throw new CheckpointError('root is not 32 bytes');
  if (rest.some((l) => l === '')) throw new CheckpointError('empty extension line');
  return { origin, size, root, extensions: rest };
}
