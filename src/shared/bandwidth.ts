/**
 * Upload bandwidth as people write it (rclone's forms): a rate such as `2M`, `500k`, `10Mbit`,
 * `1.5MiB`, `off`, or a timetable of local times, `08:00,1M 19:00,off`, where each rate holds from
 * its time until the next one (the last one runs past midnight until the first).
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

export const BANDWIDTH_FORMS = 'a rate such as 2M, 500k, 10Mbit, 1.5MiB (bytes per second) or off, or a timetable such as "08:00,1M 19:00,off"';

export class BandwidthSyntaxError extends Error {}

/** One rate in bytes per second (rounded down), or null for no limit. */
export function parseRate(text: string): Rate {
  const raw = text.trim();
  if (OFF.has(raw.toLowerCase())) return null;
  const match = /^(\d+(?:\.\d+)?)\s*([a-z]*)(?:\/s)?$/i.exec(raw);
  const factor = match ? UNITS[match[2].toLowerCase()] : undefined;
  if (!match || factor === undefined) throw new BandwidthSyntaxError(`"${raw}" is not a rate`);
  const bytes = Math.floor(Number(match[1]) * factor);
  if (bytes === 0) return null;
  if (bytes < MIN_RATE) throw new BandwidthSyntaxError(`"${raw}" is below the smallest limit, 1k (${MIN_RATE} bytes per second)`);
  return bytes;
}

function parseEntry(text: string): BandwidthEntry {
  const match = /^(\d{1,2}):(\d{2}),(.+)$/.exec(text);
  if (!match) throw new BandwidthSyntaxError(`"${text}" is not a timetable entry: write HH:MM,RATE, e.g. 08:00,1M`);
  const hours = Number(match[1]);
  const minutes = Number(match[2]);
  if (hours > 23 || minutes > 59) throw new BandwidthSyntaxError(`"${text}" has no such time of day: use 00:00 to 23:59`);
  return { minute: hours * 60 + minutes, rate: parseRate(match[3]) };
}

/** A rate or a timetable; a number is bytes per second (as older settings stored it). */
export function parseBandwidth(spec: string | number): BandwidthSchedule {
  const text = String(spec).trim();
  if (!text.includes(',')) return { spec: text, entries: [{ minute: 0, rate: parseRate(text) }] };
  const entries = text
    .split(/\s+/)
    .map(parseEntry)
    .sort((a, b) => a.minute - b.minute);
  const twice = entries.find((e, i) => i > 0 && entries[i - 1].minute === e.minute);
  if (twice) throw new BandwidthSyntaxError(`the timetable "${text}" gives ${clockText(twice.minute)} twice`);
  return { spec: text, entries };
}

const clockText = (minute: number) => `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;

/** The rate in force at `when` (local time): the last entry at or before it, else yesterday's last. */
export function rateAt(schedule: BandwidthSchedule | null | undefined, when: number | Date): Rate {
  if (!schedule || schedule.entries.length === 0) return null;
  const date = typeof when === 'number' ? new Date(when) : when;
  const minute = date.getHours() * 60 + date.getMinutes();
  let current = schedule.entries[schedule.entries.length - 1];
  for (const entry of schedule.entries) if (entry.minute <= minute) current = entry;
  return current.rate;
}
