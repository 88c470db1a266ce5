/** A seeded random source (mulberry32) and the nasty values the fuzz draws from; same seed, same run. */

export interface Rand {
  next(): number;
  int(below: number): number;
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
  bytes(n: number): Buffer;
  /** A short word from a safe alphabet, or a nasty string now and then. */
  word(): string;
}

export function seededRand(seed: number): Rand {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (below: number) => Math.floor(next() * below);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)]!;
  return {
    next,
    int,
    chance: (p) => next() < p,
    pick,
    bytes: (n) => Buffer.from(Array.from({ length: n }, () => int(256))),
    word: () => (next() < 0.25 ? pick(NASTY_STRINGS) : Array.from({ length: 1 + int(12) }, () => pick(ALPHABET)).join('')),
  };
}

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789-_'.split('');

/** Strings that broke parsers somewhere once: escapes, control characters, prototype keys, huge numbers. */
export const NASTY_STRINGS: readonly string[] = [
  '',
  ' ',
  '%',
  '%zz',
  '%E0%A4%A',
  '%00',
  '\u0000',
  '\r\n',
  '\r\nX-Injected: 1',
  '\u001b[31m',
  '../../../etc/passwd',
  '..\\..\\windows',
  'a'.repeat(70_000),
  '😀',
  '\uD800',
  '[]',
  '{}',
  '[',
  ']',
  '][',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  '-1',
  '0',
  '1e309',
  'NaN',
  '9'.repeat(400),
  'null',
  'true',
  '"',
  "'",
  '<script>alert(1)</script>',
  '\\',
  '/',
  '//',
  '?',
  '#',
  '&',
  '=',
  ';',
  'bytes 0-0/0',
];
