import { describe, expect, it } from 'vitest';
import { contentRangeHeader, planChunks, remainingChunks } from '../../../src/main/engine/cloudinary/chunks';

describe('planChunks', () => {
  it('splits an exact multiple into full chunks, no empty tail', () => {
    expect(planChunks(20, 10)).toEqual([
      { start: 0, end: 9 },
      { start: 10, end: 19 },
    ]);
  });

  it('leaves a 1-byte tail as its own final chunk', () => {
    expect(planChunks(21, 10)).toEqual([
      { start: 0, end: 9 },
      { start: 10, end: 19 },
      { start: 20, end: 20 },
    ]);
  });

  it('gives one range for a file smaller than a chunk, none for an empty file', () => {
    expect(planChunks(7, 10)).toEqual([{ start: 0, end: 6 }]);
    expect(planChunks(0, 10)).toEqual([]);
  });

  it('covers a real file contiguously', () => {
    const size = 40 * 1024 * 1024 + 17;
    const ranges = planChunks(size, 6_000_000);
    expect(ranges).toHaveLength(7);
    ranges.forEach((r, i) => i > 0 && expect(r.start).toBe(ranges[i - 1].end + 1));
    expect(ranges.at(-1)!.end).toBe(size - 1);
  });

  it('refuses nonsense sizes', () => {
    expect(() => planChunks(-1, 10)).toThrow(RangeError);
    expect(() => planChunks(10, 0)).toThrow(RangeError);
    expect(() => planChunks(1.5, 10)).toThrow(RangeError);
  });
});

describe('remainingChunks', () => {
  it('continues at the confirmed offset', () => {
    expect(remainingChunks(25, 10, 10)).toEqual([
      { start: 10, end: 19 },
      { start: 20, end: 24 },
    ]);
  });

  it('re-plans from an offset that is not a chunk boundary (chunk size changed)', () => {
    expect(remainingChunks(25, 10, 7)).toEqual([
      { start: 7, end: 16 },
      { start: 17, end: 24 },
    ]);
  });
});

describe('contentRangeHeader', () => {
  it('always carries the real total', () => {
    expect(contentRangeHeader({ start: 0, end: 9 }, 25)).toBe('bytes 0-9/25');
    expect(contentRangeHeader({ start: 20, end: 24 }, 25)).toBe('bytes 20-24/25');
  });
});
