/** The video fixtures and exiftool's view of them (../shared/fixtures/videos/expected.json), in our metadatas' terms. */
import path from 'node:path';
import { readExpected, tallyAgreement, type Agreement, type Compared } from './metadata-agreement';
import { repoRoot } from './paths';

export const videosDir = path.resolve(repoRoot, '../shared/fixtures/videos');
export const pairsDir = path.resolve(repoRoot, '../shared/fixtures/pairs');
export const expectedVideos = readExpected(videosDir);

const isoOf = (date: unknown) => (typeof date === 'string' ? date.replace(/^(\d{4}):(\d{2}):(\d{2}) /, '$1-$2-$3T').replace(/ DST$/, '') : null);
/** exiftool -n prints an AVCHD make as its MDPM code; these are exiftool's own names for the codes. */
const MDPM_MAKES: Record<number, string> = { 0x0103: 'Panasonic', 0x0108: 'Sony', 0x1011: 'Canon', 0x1104: 'JVC' };
const ORIENTATION_OF_ROTATION: Record<number, number> = { 0: 1, 90: 6, 180: 3, 270: 8 };

/**
 * Our key → exiftool's value (null = absent). taken_at as contract §5 says: Apple's CreationDate when present,
 * else a camera's own DateTimeOriginal (AVCHD, AVI), else QuickTime's CreateDate, which is UTC.
 */
export const VIDEO_COMPARED: Compared = {
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

/** Compares each clip's metadatas with exiftool's, field by field. */
export function videoAgreement(metadatasOf: (name: string) => Record<string, unknown> | undefined): Agreement {
  return tallyAgreement(Object.keys(expectedVideos), VIDEO_COMPARED, metadatasOf, expectedVideos);
}
