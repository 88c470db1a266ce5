/** Bandwidth as people write it (rclone's forms), the timetable by the local clock, and a limit changed live. */
import { describe, expect, it } from 'vitest';
import { parseBandwidth, parseRate, rateAt } from '../../../src/shared/bandwidth';
import { createBandwidthLimiter } from '../../../src/main/engine/cloudinary/transport';
import { inTimeZone } from '../../helpers/views';

describe('parseRate', () => {
  it.each([
    ['2000000', 2_000_000],
    ['2M', 2 * 1024 * 1024],
    ['2m', 2 * 1024 * 1024],
    ['500k', 500 * 1024],
    ['500K', 500 * 1024],
    ['1.5MiB', 1.5 * 1024 * 1024],
    ['1G', 1024 ** 3],
    ['800kB', 800_000],
    ['2MB', 2_000_000],
    ['10Mbit', 1_250_000],
    ['10Mbps', 1_250_000],
    ['100kbit', 12_500],
    ['512k/s', 512 * 1024],
    [' 3 M ', 3 * 1024 * 1024],
    ['1k', 1024],
  ])('%s is %i bytes per second', (text, bytes) => {
    expect(parseRate(text)).toBe(bytes);
  });

  it.each(['off', 'OFF', 'unlimited', '0', '0k'])('%s means no limit', (text) => {
    expect(parseRate(text)).toBeNull();
  });

  it.each([
    ['fast', /"fast" is not a rate/],
    ['2X', /"2X" is not a rate/],
    ['-1M', /is not a rate/],
    ['10', /below the smallest limit, 1k/],
    ['1kbit', /below the smallest limit/],
  ])('refuses %s and says why', (text, message) => {
    expect(() => parseRate(text)).toThrow(message);
  });
});

describe('the timetable', () => {
  inTimeZone('Europe/Paris');
  const at = (hhmm: string) => new Date(`2026-06-15T${hhmm}:00+02:00`); // local time in Paris (summer)
  const office = parseBandwidth('08:00,1M 19:00,off');

  it('holds each rate from its time until the next one, by the local clock', () => {
    expect(rateAt(office, at('08:00'))).toBe(1024 * 1024);
    expect(rateAt(office, at('12:30'))).toBe(1024 * 1024);
    expect(rateAt(office, at('18:59'))).toBe(1024 * 1024);
    expect(rateAt(office, at('19:00'))).toBeNull();
    expect(rateAt(office, at('23:59'))).toBeNull();
  });

  it("runs the day's last rate past midnight until the first one", () => {
    expect(rateAt(office, at('00:00'))).toBeNull();
    expect(rateAt(office, at('07:59'))).toBeNull();
    const night = parseBandwidth('23:00,10M 06:30,512k');
    expect(rateAt(night, at('03:00'))).toBe(10 * 1024 * 1024);
    expect(rateAt(night, at('06:30'))).toBe(512 * 1024);
  });

  it('takes the entries in any order, and a plain rate holds all day', () => {
    expect(parseBandwidth('19:00,off 08:00,1M').entries.map((e) => e.minute)).toEqual([480, 1140]);
    const plain = parseBandwidth('2M');
    expect([rateAt(plain, at('00:00')), rateAt(plain, at('13:00'))]).toEqual([2 * 1024 * 1024, 2 * 1024 * 1024]);
    expect(rateAt(null, at('13:00'))).toBeNull();
  });

  it.each([
    ['8h,1M', /"8h,1M" is not a timetable entry: write HH:MM,RATE/],
    ['25:00,1M', /no such time of day/],
    ['08:00,fast', /"fast" is not a rate/],
    ['08:00,1M 08:00,2M', /gives 08:00 twice/],
  ])('refuses %s and says why', (spec, message) => {
    expect(() => parseBandwidth(spec)).toThrow(message);
  });
});

describe("the weekly timetable (rclone's Mon-08:00,RATE)", () => {
  inTimeZone('Europe/Paris');
  // 2026-06-15 is a Monday; local time in Paris (summer).
  const on = (date: string, hhmm: string) => new Date(`2026-06-${date}T${hhmm}:00+02:00`);
  const week = parseBandwidth('Mon-08:00,1M Sat-00:00,off');

  it('holds a rate from its weekday and time until the next entry, across days', () => {
    expect(rateAt(week, on('15', '07:59'))).toBeNull(); // Monday before 08:00: still last weekend's "off"
    expect(rateAt(week, on('15', '08:00'))).toBe(1024 * 1024);
    expect(rateAt(week, on('17', '03:00'))).toBe(1024 * 1024); // Wednesday night
    expect(rateAt(week, on('19', '23:59'))).toBe(1024 * 1024); // Friday
    expect(rateAt(week, on('20', '00:00'))).toBeNull(); // Saturday
    expect(rateAt(week, on('21', '22:00'))).toBeNull(); // Sunday
  });

  it('an entry without a day holds at that time every day, mixed with weekday entries', () => {
    const mixed = parseBandwidth('Mon-00:00,512k 12:00,2M Sun-20:00,off');
    expect(rateAt(mixed, on('15', '09:00'))).toBe(512 * 1024); // Monday morning
    expect(rateAt(mixed, on('15', '12:00'))).toBe(2 * 1024 * 1024);
    expect(rateAt(mixed, on('18', '06:00'))).toBe(2 * 1024 * 1024); // Thursday: Wednesday's 12:00 still holds
    expect(rateAt(mixed, on('21', '20:30'))).toBeNull(); // Sunday evening
    expect(mixed.entries.map((e) => e.day)).toEqual([0, undefined, 6]);
  });

  it.each([
    ['Mo-08:00,1M', /"Mo-08:00,1M" is not a timetable entry/],
    ['Xyz-08:00,1M', /is not a timetable entry/],
    ['Mon-24:00,1M', /no such time of day/],
    ['Mon-08:00,1M 08:00,2M', /gives Mon-08:00 twice/],
  ])('refuses %s and says why', (spec, message) => {
    expect(() => parseBandwidth(spec)).toThrow(message);
  });

  it('says what is wrong as data too, for the app to say in its language', () => {
    const problem = (spec: string) => {
      try {
        parseBandwidth(spec);
      } catch (error) {
        return (error as { problem?: unknown }).problem;
      }
    };
    expect(problem('fast')).toEqual({ kind: 'notRate', text: 'fast' });
    expect(problem('08:00,1M 08:00,2M')).toEqual({ kind: 'twice', at: '08:00' });
    expect(problem('10')).toEqual({ kind: 'tooSmall', text: '10' });
  });
});

describe('the shared limiter', () => {
  it('books at the new rate once the rate changes, without a burst for what was booked before', () => {
    let now = 0;
    const limiter = createBandwidthLimiter(1000, () => now);
    expect(limiter.take(1000)).toBe(900); // 1 s at 1000 B/s, less the 100 ms of credit a start gets
    expect(limiter.take(1000)).toBe(1900);
    limiter.setRate(100_000);
    // Faster now: the backlog booked at the old rate is dropped, the next piece costs 10 ms.
    expect(limiter.take(1000)).toBe(10);
    now = 10;
    limiter.setRate(1000);
    // Slower again: what is booked from now on goes at 1000 B/s.
    expect(limiter.take(1000)).toBe(1000);
  });
});
