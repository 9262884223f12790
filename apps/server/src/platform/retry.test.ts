import { describe, expect, it } from 'vitest';
import { nextAttemptAt } from './retry.js';

describe('nextAttemptAt', () => {
  const now = new Date('2026-11-22T00:00:00Z');
  const mid = () => 0.5; // no jitter
  it('doubles the wait with each attempt', () => {
    const waits = [1, 2, 3, 4].map((a) => nextAttemptAt(now, a, { random: mid }).getTime() - now.getTime());
    expect(waits).toEqual([30_000, 60_000, 120_000, 240_000]);
  });
  it('never waits longer than the cap, jitter included', () => {
    const wait = nextAttemptAt(now, 40, { random: () => 0.999 }).getTime() - now.getTime();
    expect(wait).toBeLessThanOrEqual(6 * 3_600_000 * 1.2);
    expect(wait).toBeGreaterThan(6 * 3_600_000);
  });
  it('spreads retries by ±20 %', () => {
    const low = nextAttemptAt(now, 1, { random: () => 0 }).getTime() - now.getTime();
    const high = nextAttemptAt(now, 1, { random: () => 1 }).getTime() - now.getTime();
    expect([low, high]).toEqual([24_000, 36_000]);
  });
});
