import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { planForward } from '../../../../src/core/scoring/index.ts';

describe('planForward', () => {
  it('feeds everything into an empty cache without a reset', () => {
    expect(planForward([], [5, 6, 7])).toEqual({ reset: false, feed: [5, 6, 7] });
  });

  it('feeds only the extra tokens when the next context extends the cache', () => {
    expect(planForward([5, 6, 7], [5, 6, 7, 8])).toEqual({ reset: false, feed: [8] });
    expect(planForward([5, 6], [5, 6, 7, 8])).toEqual({ reset: false, feed: [7, 8] });
  });

  it('resets and feeds the whole context on a branch switch, or when the next context is shorter', () => {
    expect(planForward([5, 6, 7], [5, 6, 9])).toEqual({ reset: true, feed: [5, 6, 9] });
    // No rollback: even a prefix of the cache means starting again.
    expect(planForward([5, 6, 7], [5, 6])).toEqual({ reset: true, feed: [5, 6] });
  });

  it('refuses the context the cache already holds, since the caller has its distribution', () => {
    expect(() => planForward([5, 6], [5, 6])).toThrow(/already holds/);
  });

  it('refuses an empty context and ids that are not token ids', () => {
    expect(() => planForward([5], [])).toThrow(/at least one token/);
    expect(() => planForward([5], [1.5])).toThrow(/next\[0\]/);
    expect(() => planForward([-1], [1])).toThrow(/current\[0\]/);
    expect(() => planForward('abc' as unknown as number[], [1])).toThrow(TypeError);
  });

  it('always ends with the cache holding exactly the next context', () => {
    const ids = fc.array(fc.integer({ min: 0, max: 4 }), { maxLength: 6 });
    fc.assert(
      fc.property(ids, ids, (current, next) => {
        fc.pre(next.length > 0 && next.join() !== current.join());
        const { reset, feed } = planForward(current, next);
        expect(feed.length).toBeGreaterThan(0);
        expect([...(reset ? [] : current), ...feed]).toEqual(next);
      }),
      { seed: 42, numRuns: 200 },
    );
  });
});
