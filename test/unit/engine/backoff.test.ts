/** backoffDelayMs: capped exponential backoff with jitter, never zero. */
import { describe, expect, it } from 'vitest';
import { backoffDelayMs, parseRetryAfter } from '../../../src/main/engine/queue/retry-policy';

describe('backoffDelayMs', () => {
  it('doubles the ceiling per attempt, from the base', () => {
    const top = () => 1; // jitter at its maximum shows the ceiling itself
    expect([1, 2, 3, 4, 5].map((a) => backoffDelayMs(a, { random: top }))).toEqual([1000, 2000, 4000, 8000, 16000]);
  });

  it('never exceeds the cap, however many attempts', () => {
    expect(backoffDelayMs(50, { random: () => 1 })).toBe(60_000);
    expect(backoffDelayMs(1000, { random: () => 1, capMs: 5000 })).toBe(5000);
  });

  it('is at least half the ceiling (never hammers), at most the ceiling', () => {
    for (let attempt = 1; attempt <= 8; attempt += 1) {
      const ceiling = Math.min(60_000, 1000 * 2 ** (attempt - 1));
      expect(backoffDelayMs(attempt, { random: () => 0 })).toBe(ceiling / 2);
      expect(backoffDelayMs(attempt, { random: () => 0.999 })).toBeLessThanOrEqual(ceiling);
    }
  });

  it('spreads retries of many files apart (jitter)', () => {
    let seed = 7;
    const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    const delays = new Set(Array.from({ length: 20 }, () => backoffDelayMs(4, { random })));
    expect(delays.size).toBeGreaterThan(15);
  });

  it('treats attempt 0 or below like the first attempt', () => {
    expect(backoffDelayMs(0, { random: () => 1, baseMs: 200 })).toBe(200);
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2025-01-01T00:00:00Z');
  it('reads seconds and HTTP dates', () => {
    expect(parseRetryAfter('30', now)).toBe(30);
    expect(parseRetryAfter('Wed, 01 Jan 2025 00:01:00 GMT', now)).toBe(60);
  });
  it('ignores what it cannot read', () => {
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });
});
