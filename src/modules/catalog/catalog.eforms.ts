import { parseDefinition, type ParseDefinitionResult } from '../../shared/eform';

/**
 * Compiled e-forms by version id. A published (or retired) version is immutable, so its e-form is checked and
 * compiled once and the validator reused by every submission and action; drafts, which still change, are compiled
 * on each call. Bounded: the least recently used entry goes first.
 */
export class CompiledEforms {
  private entries = new Map<string, ParseDefinitionResult>();
  /** Compilations so far (a measure for tests and benchmarks). */
  compilations = 0;

  constructor(readonly capacity = 2_000) {}

  get size(): number {
    return this.entries.size;
  }

  /** The parsed (compiled) e-form of a version; `immutable`: the version is no longer a draft, so it may be kept. */
  get(versionId: string, eform: unknown, immutable: boolean): ParseDefinitionResult {
    const hit = this.entries.get(versionId);
    if (hit) {
      this.entries.delete(versionId);
      this.entries.set(versionId, hit);
      return hit;
    }
    this.compilations++;
    const parsed = parseDefinition(eform);
    if (!immutable) return parsed;
    if (this.entries.size >= this.capacity) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(versionId, parsed);
    return parsed;
  }
}
