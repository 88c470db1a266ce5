/**
 * Our metadata against exiftool's reading of the real photos (expected.json), key by key.
 * Known, explained differences: values exiftool finds only in maker notes (some LensModel / ISO), exiftool's
 * composite ISO, the 0 exiftool reports for a lens without contacts (we omit unknown values), and the height 0
 * of a JPEG whose real height is in a DNL marker.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Metadatas } from '../../../src/shared/metadata';
import { inspectPhoto } from '../../../src/main/engine/scan/inspect';
import type { FoundFile } from '../../../src/main/engine/scan/walk';
import { AppError } from '../../../src/shared/errors';
import { fixturesDir } from '../../helpers';

const photos = fixturesDir;
const expected = JSON.parse(readFileSync(path.join(photos, 'expected.json'), 'utf8')).files as Record<string, Record<string, unknown>>;

function foundFile(relativePath: string): FoundFile {
  return { path: path.join(photos, relativePath), root: photos, relativePath, size: 0, mtimeMs: 0 };
}

const exifDate = (date: unknown, offset: unknown) => {
  if (typeof date !== 'string') return null;
  const iso = date.replace(/^(\d{4}):(\d{2}):(\d{2}) /, '$1-$2-$3T');
  return /[+-]\d{2}:\d{2}$|Z$/.test(iso) ? iso : iso + (typeof offset === 'string' ? offset : '');
};

/** Our key → what exiftool says, in our terms (null = absent). */
const COMPARED: Record<string, (e: Record<string, unknown>) => unknown> = {
  camera_make: (e) => e.Make,
  camera_model: (e) => e.Model,
  lens_model: (e) => e.LensModel,
  taken_at: (e) => exifDate(e.DateTimeOriginal, e.OffsetTimeOriginal),
  orientation: (e) => (e.Orientation === 0 ? null : e.Orientation), // 0 is not a valid orientation: we omit it
  width: (e) => e.ImageWidth,
  height: (e) => e.ImageHeight,
  gps_latitude: (e) => e.GPSLatitude,
  gps_longitude: (e) => e.GPSLongitude,
  iso: (e) => e.ISO,
  f_number: (e) => e.FNumber,
  exposure_time: (e) => e.ExposureTime,
  focal_length: (e) => e.FocalLength,
  keywords: (e) => {
    const all = [...((e.Keywords as string[]) ?? []), ...((e.Subject as string[]) ?? [])];
    return all.length ? [...new Set(all)].sort() : null;
  },
  title: (e) => e.Title ?? e.ObjectName,
  mime_type: (e) => e.MIMEType,
  file_size: (e) => e.FileSize,
  sha1: (e) => e.sha1,
};

function agrees(ours: unknown, theirs: unknown): boolean {
  if (theirs === null || theirs === undefined) return ours === undefined;
  if (ours === undefined) return false;
  if (Array.isArray(theirs)) return JSON.stringify([...(ours as string[])].sort()) === JSON.stringify(theirs);
  if (typeof theirs === 'number') return Math.abs(Number(ours) - theirs) <= Math.max(1e-6, Math.abs(theirs) * 1e-6);
  return String(ours).trim() === String(theirs).trim();
}

const photoKeys = Object.keys(expected).filter((key) => !key.startsWith('broken/') && !key.endsWith('.xmp'));

describe('metadata agreement with exiftool', () => {
  it('agrees on at least 98.5 % of compared values over every fixture photo', async () => {
    const table: Record<string, { agree: number; total: number; percent: string }> = {};
    const misses: string[] = [];
    for (const key of photoKeys) {
      const inspected = await inspectPhoto(foundFile(key));
      const ours = inspected.metadatas as Record<string, unknown> & Metadatas;
      for (const [field, theirsOf] of Object.entries(COMPARED)) {
        const theirs = theirsOf(expected[key]!);
        const ok = agrees(ours[field], theirs);
        const row = (table[field] ??= { agree: 0, total: 0, percent: '' });
        row.total += 1;
        if (ok) row.agree += 1;
        else misses.push(`${key} ${field}: ours=${JSON.stringify(ours[field])} exiftool=${JSON.stringify(theirs)}`);
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
    console.log(`Misses (${misses.length}):\n${misses.join('\n')}`);
    expect(photoKeys.length).toBeGreaterThan(60);
    expect(agree / total).toBeGreaterThanOrEqual(0.985);
  });

  it("reads the camera, date and title an ImageMagick PNG keeps in its raw EXIF and IPTC profiles", async () => {
    const key = 'formats/png/nikon-d70-exif-iptc.png';
    const { metadatas } = await inspectPhoto(foundFile(key));
    expect(metadatas.camera_model).toBe(expected[key]!.Model);
    expect(metadatas.taken_at).toBe('2006-02-04T16:09:30');
    expect(metadatas.title).toBe('ovni');
  });

  it('pairs IMG_5910.jpg with its sidecar and never treats the sidecar as a photo', async () => {
    const inspected = await inspectPhoto(foundFile('iptc-xmp/IMG_5910.jpg'));
    expect(inspected.metadatas.keywords).toEqual(expect.arrayContaining(['Alvin the Squirrel', 'Berkley', 'USA']));
    await expect(inspectPhoto(foundFile('iptc-xmp/IMG_5910.xmp'))).rejects.toMatchObject({ code: 'NOT_A_PHOTO' });
  });
});

describe('broken fixtures', () => {
  it.each([
    ['broken/MADE-empty-0-bytes.jpg', 'EMPTY_FILE'],
    ['broken/MADE-truncated-55pct-of-olympus-pen-e-p3.jpg', 'CORRUPT_FILE'],
    ['broken/MADE-truncated-inside-exif-4096-bytes-of-olympus-pen-e-p3.jpg', 'CORRUPT_FILE'],
  ])('%s fails with %s and a message naming the file', async (key, code) => {
    const error = await inspectPhoto(foundFile(key)).then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe(code);
    expect((error as AppError).message).toContain(path.basename(key));
  });

  it.each(['broken/canon-eos-30d-corrupt-exif.jpg', 'broken/misnamed-jpeg-with-nef-extension-nikon-d70s.nef', 'broken/sof-height-0-dnl.jpg'])(
    '%s is accepted as a JPEG',
    async (key) => {
      const inspected = await inspectPhoto(foundFile(key));
      expect(inspected.mimeType).toBe('image/jpeg');
      expect(inspected.sha1).toBe(expected[key]!.sha1);
    },
  );
});
