/** The numbers a photographer reads on the queue and photo screens: sizes, speed, time left, percent, EXIF values. */
import { describe, expect, it } from 'vitest';
import { formatBytes, formatCoordinate, formatDateTime, formatDuration, formatExposure, formatRate, overallPercent } from '../../../src/renderer/lib/format';
import { inTimeZone } from '../../helpers/views';

describe('formatBytes (decimal units, as the operating system file managers show them)', () => {
  it.each([
    [0, '0 B'],
    [1, '1 B'],
    [999, '999 B'],
    [1000, '1.0 KB'],
    [1023, '1.0 KB'],
    [1024, '1.0 KB'],
    [1500, '1.5 KB'],
    [99_900, '99.9 KB'],
    [100_000, '100 KB'],
    [128_894, '129 KB'],
    [999_000, '999 KB'],
    [1_000_000, '1.0 MB'],
    [5_242_880, '5.2 MB'],
    [20_000_000, '20.0 MB'],
    [1_000_000_000, '1.0 GB'],
    [1_500_000_000_000, '1.5 TB'],
  ])('%d bytes → %s', (bytes, shown) => {
    expect(formatBytes(bytes)).toBe(shown);
  });

  it('never shows a four-digit number when rounding carries into the next unit', () => {
    expect(formatBytes(999.6)).toBe('1.0 KB');
    expect(formatBytes(999_499)).toBe('999 KB');
    expect(formatBytes(999_950)).toBe('1.0 MB');
    expect(formatBytes(999_999_999)).toBe('1.0 GB');
  });

  it('keeps terabytes as the largest unit for very large totals', () => {
    expect(formatBytes(2_500_000_000_000_000)).toBe('2500 TB');
  });

  it('shows a fraction of a byte as bytes, never an unnamed unit', () => {
    expect(formatBytes(0.4)).toBe('0 B');
    expect(formatBytes(0.5)).toBe('1 B');
  });

  it('shows impossible sizes (negative, NaN, infinite) as 0 B', () => {
    expect(formatBytes(-1)).toBe('0 B');
    expect(formatBytes(Number.NaN)).toBe('0 B');
    expect(formatBytes(Number.POSITIVE_INFINITY)).toBe('0 B');
  });
});

describe('formatRate', () => {
  it('is a size per second', () => {
    expect(formatRate(0)).toBe('0 B/s');
    expect(formatRate(850)).toBe('850 B/s');
    expect(formatRate(2_345_678)).toBe('2.3 MB/s');
    expect(formatRate(125_000_000)).toBe('125 MB/s');
  });
});

describe('formatDuration', () => {
  it.each([
    [0, '0 s'],
    [0.4, '0 s'],
    [1, '1 s'],
    [59, '59 s'],
    [59.5, '1 min 0 s'],
    [60, '1 min 0 s'],
    [61, '1 min 1 s'],
    [3599, '59 min 59 s'],
    [3600, '1 h 0 min'],
    [3661, '1 h 1 min'],
    [86_399, '23 h 59 min'],
    [90_000, '25 h 0 min'],
  ])('%d seconds → %s', (seconds, shown) => {
    expect(formatDuration(seconds)).toBe(shown);
  });

  it('never shows a negative time left', () => {
    expect(formatDuration(-30)).toBe('0 s');
  });
});

describe('overallPercent', () => {
  it('is 0 while nothing is known yet', () => {
    expect(overallPercent(0, 0, true)).toBe(0);
    expect(overallPercent(0, 0, false)).toBe(0);
  });

  it('rounds down, so 100 % only appears when every byte is done', () => {
    expect(overallPercent(1, 3, false)).toBe(33);
    expect(overallPercent(999, 1000, false)).toBe(99);
    expect(overallPercent(1000, 1000, false)).toBe(100);
  });

  it('stops at 99 % while the scan may still find more files', () => {
    expect(overallPercent(1000, 1000, true)).toBe(99);
    expect(overallPercent(500, 1000, true)).toBe(50);
  });

  it('stays within 0..100 even if the counters disagree', () => {
    expect(overallPercent(1200, 1000, false)).toBe(100);
    expect(overallPercent(-5, 1000, false)).toBe(0);
  });
});

describe('formatExposure (metadatas exposure_time is decimal seconds)', () => {
  it.each([
    ['0.0001799856012', '1/5556 s'],
    ['0.00025', '1/4000 s'],
    ['0.01666666667', '1/60 s'],
    ['0.01333333333', '1/75 s'],
    ['0.07433217189', '1/13 s'],
    ['0.25', '1/4 s'],
    ['1', '1 s'],
    ['30', '30 s'],
  ])('%s → %s', (seconds, shown) => {
    expect(formatExposure(seconds)).toBe(shown);
  });

  it('shows slow sub-second speeds in tenths, as cameras do, not as a wrong fraction', () => {
    expect(formatExposure('0.3')).toBe('0.3 s');
    expect(formatExposure('0.4')).toBe('0.4 s');
    expect(formatExposure('0.5')).toBe('0.5 s');
    expect(formatExposure('0.6')).toBe('0.6 s');
    expect(formatExposure('0.8')).toBe('0.8 s');
    expect(formatExposure('1.3')).toBe('1.3 s');
    expect(formatExposure('0.3333333333')).toBe('0.3 s');
  });

  it('leaves out a missing value and shows an unparseable one as it is', () => {
    expect(formatExposure(undefined)).toBeNull();
    expect(formatExposure('')).toBeNull();
    expect(formatExposure('bulb')).toBe('bulb');
    expect(formatExposure('0')).toBe('0');
  });
});

describe('formatCoordinate', () => {
  it('shows signed decimal degrees as five decimals with a hemisphere letter', () => {
    expect(formatCoordinate('48.858222', 'N', 'S')).toBe('48.85822° N');
    expect(formatCoordinate('-33.8567844', 'N', 'S')).toBe('33.85678° S');
    expect(formatCoordinate('2.2945', 'E', 'W')).toBe('2.29450° E');
    expect(formatCoordinate('-0.1275', 'E', 'W')).toBe('0.12750° W');
    expect(formatCoordinate('0', 'N', 'S')).toBe('0.00000° N');
  });

  it('leaves out a missing value and shows an unparseable one as it is', () => {
    expect(formatCoordinate(undefined, 'N', 'S')).toBeNull();
    expect(formatCoordinate('', 'N', 'S')).toBeNull();
    expect(formatCoordinate('north', 'N', 'S')).toBe('north');
  });
});

describe('formatDateTime', () => {
  inTimeZone('America/New_York');

  it('shows a camera time without offset as the time on the camera, in any time zone', () => {
    expect(formatDateTime('2013-08-27T19:45:23')).toBe(new Date(2013, 7, 27, 19, 45, 23).toLocaleString());
  });

  it('shows a time with an offset in the viewer’s local time', () => {
    // 19:45 in Paris (UTC+2 in summer) is 13:45 in New York.
    expect(formatDateTime('2013-08-27T19:45:23+02:00')).toBe(new Date(2013, 7, 27, 13, 45, 23).toLocaleString());
  });

  it('leaves out a missing value and shows an unparseable one as it is', () => {
    expect(formatDateTime(null)).toBeNull();
    expect(formatDateTime(undefined)).toBeNull();
    expect(formatDateTime('')).toBeNull();
    expect(formatDateTime('2013:08:27 19:45:23 garbage')).toBe('2013:08:27 19:45:23 garbage');
  });
});
