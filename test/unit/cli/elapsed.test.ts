import { describe, expect, it } from 'vitest';
import { formatElapsed } from '../../../src/main/cli/format';

describe('a run summary says how long it took', () => {
  it.each([
    [0.4, '0.4s'],
    [0, '0.0s'],
    [9.94, '9.9s'],
    [12, '12s'],
    [125, '2m05s'],
  ])('%d s reads %s (a sub-second run does not say "in 0s")', (seconds, shown) => {
    expect(formatElapsed(seconds)).toBe(shown);
  });
});
