/**
 * The adaptive upload concurrency against synthetic lines: throughput as a function of how many
 * uploads run, fed window by window as the scheduler would (every slot busy unless said).
 */
import { describe, expect, it } from 'vitest';
import { createConcurrencyController, type ConcurrencyController } from '../../../src/main/engine/queue/concurrency';
import { createUploadPace } from '../../../src/main/engine/queue/upload-pace';
import type { EngineConfig } from '../../../src/main/engine/types';

const MB = 1_000_000;
const WINDOW = 1000;

/** Runs `windows` windows of the curve; returns the limits seen after each. */
function drive(c: ConcurrencyController, curve: (n: number) => number, windows: number, start = 0, running = (limit: number) => limit): number[] {
  const seen: number[] = [];
  for (let w = 0; w < windows; w += 1) {
    const t0 = start + w * WINDOW;
    const n = running(c.limit());
    // Ten progress reports per window, then the turn that closes it.
    for (let i = 0; i < 10; i += 1) {
      c.sent((curve(n) * WINDOW) / 1000 / 10, t0 + i * 100);
      c.tick(t0 + i * 100, n);
    }
    c.tick(t0 + WINDOW, n);
    seen.push(c.limit());
  }
  return seen;
}

/** A line of `bandwidth` bytes/s where each upload alone reaches `perUpload` (server time, round trips). */
const saturating = (bandwidth: number, perUpload: number) => (n: number) => Math.min(bandwidth, n * perUpload);

describe('adaptive upload concurrency', () => {
  it('grows while throughput still rises: home fibre (3 at once fill ~55 %) reaches a full line', () => {
    const curve = saturating(12.5 * MB, 2.3 * MB);
    const c = createConcurrencyController({ initial: 3 });
    const seen = drive(c, curve, 20);
    expect(curve(c.limit())).toBeGreaterThanOrEqual(0.95 * 12.5 * MB);
    expect(Math.max(...seen)).toBeLessThanOrEqual(16);
    // Full within a few windows, not only at the end.
    expect(seen.findIndex((n) => curve(n) >= 0.95 * 12.5 * MB)).toBeLessThanOrEqual(3);
  });

  it('does not pile uploads onto a line that is already full', () => {
    const c = createConcurrencyController({ initial: 3 });
    const seen = drive(c, () => 1.25 * MB, 30);
    expect(Math.max(...seen)).toBeLessThanOrEqual(6);
    expect(seen.at(-1)).toBeLessThanOrEqual(4);
  });

  it('stays bounded (16) on a line that rises with every upload', () => {
    const c = createConcurrencyController({ initial: 3 });
    const seen = drive(c, (n) => n * MB, 30);
    expect(Math.max(...seen)).toBe(16);
  });

  it('comes back down when more uploads make it slower (an overloaded server)', () => {
    // Best at 6; every upload past it costs 15 %.
    const curve = (n: number) => (n <= 6 ? n * 2 * MB : 12 * MB * Math.pow(0.85, n - 6));
    const c = createConcurrencyController({ initial: 3 });
    const seen = drive(c, curve, 40);
    expect(seen.at(-1)).toBeGreaterThanOrEqual(5);
    expect(seen.at(-1)).toBeLessThanOrEqual(8);
  });

  it('halves on a rate limit or a timeout and waits before growing again', () => {
    const curve = saturating(100 * MB, 2 * MB);
    const c = createConcurrencyController({ initial: 8, calmMs: 5000 });
    drive(c, curve, 1);
    const before = c.limit();
    c.congestion('rate-limited', 2000);
    expect(c.limit()).toBe(Math.floor(before / 2));
    const calm = drive(c, curve, 4, 2000);
    expect(Math.max(...calm)).toBe(Math.floor(before / 2));
    c.congestion('timeout', 7000);
    c.congestion('timeout', 7001);
    c.congestion('timeout', 7002);
    c.congestion('timeout', 7003);
    c.congestion('timeout', 7004);
    expect(c.limit()).toBe(1);
  });

  it('learns nothing from windows where the queue ran short', () => {
    const c = createConcurrencyController({ initial: 3 });
    const seen = drive(c, saturating(12.5 * MB, 2.3 * MB), 10, 0, () => 2);
    expect(seen.every((n) => n === 3)).toBe(true);
  });

  it('holds the number under a bandwidth limit: the limit is full, more uploads would only split it', () => {
    // 4.5 MB/s allowed; each upload alone would reach 2 MB/s, so 3 at once already fill the limit.
    const curve = saturating(4.5 * MB, 2 * MB);
    const held = createConcurrencyController({ initial: 3, ceiling: () => 4.5 * MB });
    expect(Math.max(...drive(held, curve, 30))).toBe(3);
    // A line slower than the limit still grows.
    const below = createConcurrencyController({ initial: 3, ceiling: () => 100 * MB });
    expect(Math.max(...drive(below, saturating(12.5 * MB, 2.3 * MB), 10))).toBeGreaterThan(3);
  });

  it('does not grow while fewer uploads run than allowed (two RAWs), even between scheduler turns', () => {
    const config = { concurrency: 3, concurrencyPinned: false, bwlimit: null } as unknown as EngineConfig;
    const pace = createUploadPace(config);
    const start = pace.limit();
    // Two RAWs upload for 10 s, faster and faster, with no scheduler turn in between (no upload ends).
    pace.turn(0, 2);
    for (let t = 0; t <= 10_000; t += 50) {
      pace.progress(1, t * t, t);
      pace.progress(2, t * t, t);
    }
    expect(pace.limit()).toBe(start);
    // Every slot busy: the same rising progress raises it, and the scheduler is told at once.
    let raised = 0;
    pace.onRaise(() => (raised += 1));
    pace.turn(10_000, start);
    for (let t = 10_000; t <= 12_000; t += 50) pace.progress(3, (t - 10_000) ** 2, t);
    expect(pace.limit()).toBeGreaterThan(start);
    expect(raised).toBeGreaterThan(0);
  });
});
