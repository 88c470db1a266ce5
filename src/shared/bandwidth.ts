/**
 * Upload bandwidth as people write it (rclone's forms): a rate such as `2M`, `500k`, `10Mbit`,
 * `1.5MiB`, `off`, or a timetable of local times, `08:00,1M 19:00,off`, where each rate holds from
 * its time until the next one (the last one runs past midnight until the first). As in rclone, an
 * entry may name a weekday, `Mon-08:00,1M Sat-00:00,off`: a weekly timetable, where entries without a
 * day hold at that time every day.
 *
 * Units, bytes per second: no unit = bytes; `k`/`M`/`G` and `KiB`/`MiB`/`GiB` are binary
 * (1024-based, as rclone's `k` and `M`); `kB`/`MB`/`GB` are decimal (1000-based); bits are
 * spelled out — `kbit`/`Mbit`/`Gbit` (also `kbps`…) are decimal bits, as networks count them.
 * `/s` may follow. Pure: shared by the engine, the settings API and the CLI.
 */

/** null = no limit. */
export type Rate = number | null;

export interface BandwidthEntry {
  /** Minutes after local midnight when this rate starts. */
  minute: number;
  /** The weekday it starts on, 0 = Monday … 6 = Sunday; absent: every day. */
  day?: number;
  rate: Rate;
}

export interface BandwidthSchedule {
  /** As written, for messages and the settings view. */
  spec: string;
  /** Sorted by minute; a plain rate is one entry at 00:00. */
  entries: BandwidthEntry[];
}

/** The smallest limit accepted: below it a transfer would look stalled to servers. */
export const MIN_RATE = 1024;

const UNITS: Record<string, number> = {
  '': 1,
  b: 1,
  k: 1024,
  kib: 1024,
  m: 1024 ** 2,
  mib: 1024 ** 2,
  g: 1024 ** 3,
  gib: 1024 ** 3,
  kb: 1000,
  mb: 1000 ** 2,
  gb: 1000 ** 3,
  bit: 1 / 8,
  kbit: 125,
  kbps: 125,
  mbit: 125_000,
  mbps: 125_000,
  gbit: 125_000_000,
  gbps: 125_000_000,
};

const OFF = new Set(['off', 'unlimited', 'none', '0']);

export const BANDWIDTH_FORMS =
  'a rate such as 2M, 500k, 10Mbit, 1.5MiB (bytes per second) or off, or a timetable such as "08:00,1M 19:00,off" (weekdays too: "Mon-08:00,1M Sat-00:00,off")';

/** What is wrong, as data: the app says it in the person's language, the CLI in the error's message. */
export type BandwidthProblem =
  | { kind: 'notRate'; text: string }
  | { kind: 'tooSmall'; text: string }
  | { kind: 'notEntry'; text: string }
  | { kind: 'noSuchTime'; text: string }
  | { kind: 'twice'; at: string };

const PROBLEM_TEXT: { [K in BandwidthProblem['kind']]: (p: Extract<BandwidthProblem, { kind: K }>) => string } = {
  notRate: (p) => `"${p.text}" is not a rate`,
  tooSmall: (p) => `"${p.text}" is below the smallest limit, 1k (${MIN_RATE} bytes per second)`,
  notEntry: (p) => `"${p.text}" is not a timetable entry: write HH:MM,RATE, e.g. 08:00,1M (or with a weekday, Mon-08:00,1M)`,
  noSuchTime: (p) => `"${p.text}" has no such time of day: use 00:00 to 23:59`,
  twice: (p) => `the timetable gives ${p.at} twice`,
};

export class BandwidthSyntaxError extends Error {
  constructor(readonly problem: BandwidthProblem) {
    super((PROBLEM_TEXT[problem.kind] as (p: BandwidthProblem) => string)(problem));
  }
}

const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const DAY_NAMES = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const MINUTES_PER_DAY = 24 * 60;

/** One rate in bytes per second (rounded down), or null for no limit. */
export function parseRate(text: string): Rate {
  const raw = text.trim();
  if (OFF.has(raw.toLowerCase())) return null;
  const match = /^(\d+(?:\.\d+)?)\s*([a-z]*)(?:\/s)?$/i.exec(raw);
  const factor = match ? UNITS[match[2].toLowerCase()] : undefined;
  if (!match || factor === undefined) throw new BandwidthSyntaxError({ kind: 'notRate', text: raw });
  const bytes = Math.floor(Number(match[1]) * factor);
  if (bytes === 0) return null;
  if (bytes < MIN_RATE) throw new BandwidthSyntaxError({ kind: 'tooSmall', text: raw });
  return bytes;
}

function parseEntry(text: string): BandwidthEntry {
  const match = /^(?:([a-z]{3})-)?(\d{1,2}):(\d{2}),(.+)$/i.exec(text);
  const day = match?.[1] === undefined ? undefined : DAYS.indexOf(match[1].toLowerCase());
  if (!match || day === -1) throw new BandwidthSyntaxError({ kind: 'notEntry', text });
  const hours = Number(match[2]);
  const minutes = Number(match[3]);
  if (hours > 23 || minutes > 59) throw new BandwidthSyntaxError({ kind: 'noSuchTime', text });
  return { minute: hours * 60 + minutes, ...(day === undefined ? {} : { day }), rate: parseRate(match[4]) };
}

/** A rate or a timetable; a number is bytes per second (as older settings stored it). */
export function parseBandwidth(spec: string | number): BandwidthSchedule {
  const text = String(spec).trim();
  if (!text.includes(',')) return { spec: text, entries: [{ minute: 0, rate: parseRate(text) }] };
  const entries = text
    .split(/\s+/)
    .map(parseEntry)
    .sort((a, b) => (a.day ?? 0) * MINUTES_PER_DAY + a.minute - ((b.day ?? 0) * MINUTES_PER_DAY + b.minute));
  const starts = weekStarts(entries);
  const twice = starts.find((e, i) => i > 0 && starts[i - 1].at === e.at);
  if (twice)
    throw new BandwidthSyntaxError({
      kind: 'twice',
      at: startText(
        twice.at,
        entries.some((e) => e.day !== undefined),
      ),
    });
  return { spec: text, entries };
}

const clockText = (minute: number) => `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
/** A start in the week as written: `08:00`, or `Mon-08:00` in a weekly timetable. */
const startText = (at: number, weekly: boolean) =>
  weekly ? `${DAY_NAMES[Math.floor(at / MINUTES_PER_DAY)]}-${clockText(at % MINUTES_PER_DAY)}` : clockText(at % MINUTES_PER_DAY);

/** Every start in the week (minutes after Monday 00:00), sorted: an entry without a day starts on all seven. */
function weekStarts(entries: BandwidthEntry[]): Array<{ at: number; entry: BandwidthEntry }> {
  const days = (e: BandwidthEntry) => (e.day === undefined ? [0, 1, 2, 3, 4, 5, 6] : [e.day]);
  return entries.flatMap((entry) => days(entry).map((d) => ({ at: d * MINUTES_PER_DAY + entry.minute, entry }))).sort((a, b) => a.at - b.at);
}

/** The rate in force at `when` (local time): the last start at or before it in the week, else the week's last. */
export function rateAt(schedule: BandwidthSchedule | null | undefined, when: number | Date): Rate {
  if (!schedule || schedule.entries.length === 0) return null;
  const date = typeof when === 'number' ? new Date(when) : when;
  const now = ((date.getDay() + 6) % 7) * MINUTES_PER_DAY + date.getHours() * 60 + date.getMinutes();
  const starts = weekStarts(schedule.entries);
  let current = starts[starts.length - 1];
  for (const start of starts) if (start.at <= now) current = start;
  return current.entry.rate;
}
