import { describe, expect, it } from 'vitest';
import { RollupModel, isZero } from './facts';
import { randomEvents } from './testing';

describe('rollup (in-memory model)', () => {
  it('after 10,000 random events the incremental counters equal a full recomputation from the facts', () => {
    for (const seed of [1, 2, 3]) {
      const m = new RollupModel();
      for (const e of randomEvents(10_000, seed)) m.apply(e);
      const full = RollupModel.recompute(m.dossiers.values(), m.petitions.values());
      const incremental = new Map([...m.counters].filter(([, v]) => !isZero(v.counters)));
      expect(incremental.size).toBeGreaterThan(10);
      expect(incremental).toEqual(full);
    }
  });

  it('replaying the same history gives the same rollup (rebuild)', () => {
    const events = randomEvents(2_000, 7);
    const a = new RollupModel();
    const b = new RollupModel();
    for (const e of events) a.apply(e);
    for (const e of events) b.apply(e);
    expect(b.counters).toEqual(a.counters);
  });
});
