/**
 * Our metadata against exiftool's reading of real photos (an expected.json made as the shared fixtures' is),
 * key by key: the per-field table and every miss, so a test can print them and hold a floor.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Metadatas } from '../../src/shared/metadata';
import { inspectPhoto } from '../../src/main/engine/read/inspect';
import type { FoundFile } from '../../src/main/engine/discover/walk';

export type ExiftoolRecord = Record<string, unknown>;

export function readExpected(folder: string): Record<string, ExiftoolRecord> {
  return JSON.parse(readFileSync(path.join(folder, 'expected.json'), 'utf8')).files as Record<string, ExiftoolRecord>;
}

export function foundFileIn(folder: string, relativePath: string): FoundFile {
  return { path: path.join(folder, relativePath), root: folder, relativePath, size: 0, mtimeMs: 0 };
}

/**
 * exiftool's -n values read as the contract (../shared/docs/contract.md §5: a value is absent when the file lacks
 * it) reads them, the same for every set:
 * - a DateTimeOriginal with no digit but 0 ("0000:00:00 00:00:00", "    :  :     :  :  ") is a placeholder, not
 *   a date: no taken_at;
 * - 0 for ISO, f-number, exposure time or focal length is the camera saying it did not know: absent;
 * - a two-number ISO with one 0 ("0 200" in Nikon maker notes, "200 0" in EXIF) is the other number (exiftool
 *   prints 200 for the first).
 */
const unknownZero = (value: unknown) => (value === 0 ? null : value);

function isoOf(value: unknown): unknown {
  const numbers = typeof value === 'string' ? value.trim().split(/\s+/).map(Number) : [];
  if (numbers.length === 2 && numbers.includes(0)) return numbers.find((n) => n !== 0) ?? null;
  return unknownZero(value);
}

const exifDate = (date: unknown, offset: unknown) => {
  if (typeof date !== 'string' || !/[1-9]/.test(date)) return null;
  const iso = date.replace(/^(\d{4}):(\d{2}):(\d{2}) /, '$1-$2-$3T');
  return /[+-]\d{2}:\d{2}$|Z$/.test(iso) ? iso : iso + (typeof offset === 'string' ? offset : '');
};

/** Our key → what exiftool says, in our terms (null = absent). */
export type Compared = Record<string, (e: ExiftoolRecord) => unknown>;

/** The photo fields. */
export const COMPARED: Compared = {
  camera_make: (e) => e.Make,
  camera_model: (e) => e.Model,
  lens_model: (e) => e.LensModel,
  taken_at: (e) => exifDate(e.DateTimeOriginal, e.OffsetTimeOriginal),
  orientation: (e) => (e.Orientation === 0 ? null : e.Orientation), // 0 is not a valid orientation: we omit it
  width: (e) => e.ImageWidth,
  height: (e) => e.ImageHeight,
  gps_latitude: (e) => e.GPSLatitude,
  gps_longitude: (e) => e.GPSLongitude,
  iso: (e) => isoOf(e.ISO),
  f_number: (e) => unknownZero(e.FNumber),
  exposure_time: (e) => unknownZero(e.ExposureTime),
  focal_length: (e) => unknownZero(e.FocalLength),
  keywords: (e) => {
    const all = [...((e.Keywords as string[]) ?? []), ...((e.Subject as string[]) ?? [])];
    return all.length ? [...new Set(all)].sort() : null;
  },
  title: (e) => e.Title ?? e.ObjectName,
  mime_type: (e) => e.MIMEType,
  file_size: (e) => e.FileSize,
  sha1: (e) => e.sha1,
};

/** exiftool prints numbers with 15 significant digits (ours keep 10): equal within a millionth. */
export function agrees(ours: unknown, theirs: unknown): boolean {
  if (theirs === null || theirs === undefined) return ours === undefined;
  if (ours === undefined) return false;
  if (Array.isArray(theirs)) return JSON.stringify([...(ours as string[])].sort()) === JSON.stringify(theirs);
  if (typeof theirs === 'number') return Math.abs(Number(ours) - theirs) <= Math.max(1e-6, Math.abs(theirs) * 1e-6);
  return String(ours).trim() === String(theirs).trim();
}

export interface Agreement {
  table: Record<string, { agree: number; total: number; percent: string }>;
  misses: string[];
  agree: number;
  total: number;
}

/** For every name, each `compared` field of ours against exiftool's: the per-field table, every miss, the totals. */
export function tallyAgreement(
  names: string[],
  compared: Compared,
  oursOf: (name: string) => Record<string, unknown> | undefined,
  expected: Record<string, ExiftoolRecord>,
): Agreement {
  const table: Agreement['table'] = {};
  const misses: string[] = [];
  for (const name of names) {
    const ours = oursOf(name) ?? {};
    for (const [field, theirsOf] of Object.entries(compared)) {
      const theirs = theirsOf(expected[name]!);
      const row = (table[field] ??= { agree: 0, total: 0, percent: '' });
      row.total += 1;
      if (agrees(ours[field], theirs)) row.agree += 1;
      else misses.push(`${name} ${field}: ours=${JSON.stringify(ours[field])} exiftool=${JSON.stringify(theirs)}`);
    }
  }
  let agree = 0;
  let total = 0;
  for (const row of Object.values(table)) {
    row.percent = ((100 * row.agree) / row.total).toFixed(1);
    agree += row.agree;
    total += row.total;
  }
  table.OVERALL = { agree, total, percent: ((100 * agree) / total).toFixed(1) };
  return { table, misses, agree, total };
}

/** Inspects every key below `folder` and compares each COMPARED field with exiftool's value. */
export async function measureAgreement(folder: string, expected: Record<string, ExiftoolRecord>, keys: string[]): Promise<Agreement> {
  const read = new Map<string, Record<string, unknown> & Metadatas>();
  for (const key of keys) read.set(key, (await inspectPhoto(foundFileIn(folder, key))).metadatas as Record<string, unknown> & Metadatas);
  return tallyAgreement(keys, COMPARED, (key) => read.get(key), expected);
}

/** Prints the table and the misses, as the tests show them. */
export function printAgreement(title: string, { table, misses }: Agreement): void {
  console.log(title);
  console.table(table);
  console.log(`Misses (${misses.length}):\n${misses.join('\n')}`);
}
