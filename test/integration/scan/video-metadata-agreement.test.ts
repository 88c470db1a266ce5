/**
 * Our video metadata against exiftool's reading of the real clips (../shared/fixtures/videos/expected.json),
 * field by field, through inspectPhoto as the engine reads them. taken_at follows contract §5: Apple's
 * CreationDate when present, else a camera's own DateTimeOriginal (AVCHD, AVI), else QuickTime's CreateDate as UTC.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { inspectPhoto } from '../../../src/main/engine/scan/inspect';
import type { FoundFile } from '../../../src/main/engine/scan/walk';

const repoRoot = path.resolve(__dirname, '../../..');
const videos = path.resolve(repoRoot, '../shared/fixtures/videos');
const expected = JSON.parse(readFileSync(path.join(videos, 'expected.json'), 'utf8')).files as Record<string, Record<string, unknown>>;

const isoOf = (date: unknown) => (typeof date === 'string' ? date.replace(/^(\d{4}):(\d{2}):(\d{2}) /, '$1-$2-$3T').replace(/ DST$/, '') : null);
/** exiftool -n prints an AVCHD make as its MDPM code; these are exiftool's own names for the codes. */
const MDPM_MAKES: Record<number, string> = { 0x0103: 'Panasonic', 0x0108: 'Sony', 0x1011: 'Canon', 0x1104: 'JVC' };
const ORIENTATION_OF_ROTATION: Record<number, number> = { 0: 1, 90: 6, 180: 3, 270: 8 };

const COMPARED: Record<string, (e: Record<string, unknown>) => unknown> = {
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

function agrees(ours: unknown, theirs: unknown): boolean {
  if (theirs === null || theirs === undefined) return ours === undefined;
  if (ours === undefined) return false;
  // exiftool prints durations with 15 significant digits; ours keep 10.
  if (typeof theirs === 'number') return Math.abs(Number(ours) - theirs) <= Math.max(1e-6, Math.abs(theirs) * 1e-6);
  return String(ours).trim() === String(theirs).trim();
}

describe('video metadata agreement with exiftool', () => {
  it('agrees on every compared value of the 12 fixture clips (MP4, MOV, M4V, 3GP, MTS, AVI)', async () => {
    const table: Record<string, { agree: number; total: number; percent: string }> = {};
    const misses: string[] = [];
    const timings: string[] = [];
    for (const name of Object.keys(expected)) {
      const found: FoundFile = { path: path.join(videos, name), root: videos, relativePath: name, size: 0, mtimeMs: 0 };
      const started = performance.now();
      const { metadatas } = await inspectPhoto(found);
      timings.push(`${name} ${(performance.now() - started).toFixed(1)} ms`);
      for (const [field, theirsOf] of Object.entries(COMPARED)) {
        const theirs = theirsOf(expected[name]!);
        const ours = (metadatas as Record<string, unknown>)[field];
        const row = (table[field] ??= { agree: 0, total: 0, percent: '' });
        row.total += 1;
        if (agrees(ours, theirs)) row.agree += 1;
        else misses.push(`${name} ${field}: ours=${JSON.stringify(ours)} exiftool=${JSON.stringify(theirs)}`);
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
    console.table(table);
    console.log(`Misses (${misses.length}):\n${misses.join('\n')}\nRead times (hash included):\n${timings.join('\n')}`);
    expect(Object.keys(expected)).toHaveLength(12);
    expect(agree / total).toBeGreaterThanOrEqual(1);
  });

  it('takes an iPhone clip’s taken_at from Apple’s CreationDate with its offset, not the UTC CreateDate', async () => {
    const { metadatas } = await inspectPhoto({ path: path.join(videos, 'with-gps.mov'), root: videos, relativePath: 'with-gps.mov', size: 0, mtimeMs: 0 });
    expect(metadatas).toMatchObject({ taken_at: '2019-07-24T11:25:40+03:00', camera_make: 'Apple', camera_model: 'iPhone 6', orientation: '6', duration: '4.001666667' });
  });

  it('marks a QuickTime CreateDate as UTC', async () => {
    const { metadatas } = await inspectPhoto({ path: path.join(videos, 'with-gps.mp4'), root: videos, relativePath: 'with-gps.mp4', size: 0, mtimeMs: 0 });
    expect(metadatas.taken_at).toBe('2017-02-22T08:20:28Z');
    expect(metadatas.gps_longitude).toBe('-0.0806');
  });
});
