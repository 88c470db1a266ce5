/** The video fixtures and exiftool's view of them (../shared/fixtures/videos/expected.json), in our metadatas' terms. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from './paths';

export const videosDir = path.resolve(repoRoot, '../shared/fixtures/videos');
export const pairsDir = path.resolve(repoRoot, '../shared/fixtures/pairs');
export const expectedVideos = JSON.parse(readFileSync(path.join(videosDir, 'expected.json'), 'utf8')).files as Record<string, Record<string, unknown>>;

const isoOf = (date: unknown) => (typeof date === 'string' ? date.replace(/^(\d{4}):(\d{2}):(\d{2}) /, '$1-$2-$3T').replace(/ DST$/, '') : null);
/** exiftool -n prints an AVCHD make as its MDPM code; these are exiftool's own names for the codes. */
const MDPM_MAKES: Record<number, string> = { 0x0103: 'Panasonic', 0x0108: 'Sony', 0x1011: 'Canon', 0x1104: 'JVC' };
const ORIENTATION_OF_ROTATION: Record<number, number> = { 0: 1, 90: 6, 180: 3, 270: 8 };

/**
 * Our key → exiftool's value (null = absent). taken_at as contract §5 says: Apple's CreationDate when present,
 * else a camera's own DateTimeOriginal (AVCHD, AVI), else QuickTime's CreateDate, which is UTC.
 */
export const VIDEO_COMPARED: Record<string, (e: Record<string, unknown>) => unknown> = {
  taken_at: (e) => isoOf(e.CreationDate) ?? isoOf(e.DateTimeOriginal) ?? (typeof e.CreateDate === 'string' ? `${isoOf(e.CreateDate)}Z` : null),
  duration: (e) => e.Duration,
  width: (e) => e.ImageWidth,
  height: (e) => e.ImageHeight,
  orientation: (e) => (typeof e.Rotation === 'number' ? ORIENTATION_OF_ROTATION[e.Rotation] : null),
  gps_latitude: (e) => e.GPSLatitude,
  gps_longitude: (e) => e.GPSLongitude,
  camera_make: (e) => (typeof e.Make === 'number' ? MDPM_MAKES[e.Make] : e.Make),
  camera_model: (e) => e.Model,
  mime_type: (e) => e.MIMEType,
  file_size: (e) => e.FileSize,
  sha1: (e) => e.sha1,
};

export function agrees(ours: unknown, theirs: unknown): boolean {
  if (theirs === null || theirs === undefined) return ours === undefined;
  if (ours === undefined) return false;
  // exiftool prints durations with 15 significant digits; ours keep 10.
  if (typeof theirs === 'number') return Math.abs(Number(ours) - theirs) <= Math.max(1e-6, Math.abs(theirs) * 1e-6);
  return String(ours).trim() === String(theirs).trim();
}

export interface AgreementTable {
  rows: Record<string, { agree: number; total: number; percent: string }>;
  misses: string[];
  agree: number;
  total: number;
}

/** Compares each clip's metadatas with exiftool's, field by field. */
export function videoAgreement(metadatasOf: (name: string) => Record<string, unknown> | undefined): AgreementTable {
  const rows: AgreementTable['rows'] = {};
  const misses: string[] = [];
  for (const name of Object.keys(expectedVideos)) {
    const ours = metadatasOf(name) ?? {};
    for (const [field, theirsOf] of Object.entries(VIDEO_COMPARED)) {
      const theirs = theirsOf(expectedVideos[name]!);
      const row = (rows[field] ??= { agree: 0, total: 0, percent: '' });
      row.total += 1;
      if (agrees(ours[field], theirs)) row.agree += 1;
      else misses.push(`${name} ${field}: ours=${JSON.stringify(ours[field])} exiftool=${JSON.stringify(theirs)}`);
    }
  }
  let agree = 0;
  let total = 0;
  for (const row of Object.values(rows)) {
    row.percent = ((100 * row.agree) / row.total).toFixed(1);
    agree += row.agree;
    total += row.total;
  }
  rows.OVERALL = { agree, total, percent: ((100 * agree) / total).toFixed(1) };
  return { rows, misses, agree, total };
}
