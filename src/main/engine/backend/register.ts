/**
 * Registers one uploaded photo in its album exactly once (contract §4, §6).
 * Invariants:
 *  - a POST is only sent right after the backend said it holds no record of this Cloudinary
 *    public_id (other backends may not deduplicate, so this never relies on the server doing it;
 *    asking just before posting keeps the window for another installation's race small);
 *  - after posting, the backend is asked once more: whoever posted last sees every record of the
 *    race, and two records of one public_id are resolved to one, the smallest id surviving. Every
 *    client applies the same rule, so they agree on the survivor without talking to each other.
 */
import { AppError } from '../../../shared/errors';
import type { Metadatas } from '../../../shared/metadata';
import type { BackendClient, ImageRecord } from './client';

export interface RegisterOptions {
  albumId: string;
  cloudinary: Record<string, unknown>;
  metadatas: Metadatas;
  /**
   * The album was asked for this photo before its bytes were sent and no earlier attempt can have
   * reached the backend: the question before the POST is left out (one request less per photo, a
   * third of a small photo's backend round trips). The question after it still settles a race with
   * another installation registering the same photo meanwhile.
   */
  askedBeforeSending?: boolean;
}

/** Pure: the record of this Cloudinary public_id, even if the backend ignored the filter. */
export function findByCloudinaryId(records: ImageRecord[], publicId: string): ImageRecord | null {
  return recordsOfCloudinaryId(records, publicId)[0] ?? null;
}

/** Pure: the records of this Cloudinary public_id, the survivor of duplicates first. */
export function recordsOfCloudinaryId(records: ImageRecord[], publicId: string): ImageRecord[] {
  return records.filter((record) => record.infos?.public_id === publicId).sort((a, b) => compareImageIds(a.id, b.id));
}

/**
 * Pure: the order of record ids every client agrees on: numerically when both are whole numbers
 * (Rails ids), otherwise by their characters (UUIDs, as the local backend makes).
 */
export function compareImageIds(a: string, b: string): number {
  if (/^\d+$/.test(a) && /^\d+$/.test(b)) {
    const [x, y] = [BigInt(a), BigInt(b)];
    return x < y ? -1 : x > y ? 1 : 0;
  }
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Records of one public_id (survivor first) → the survivor, after deleting the others.
 * A duplicate already deleted by the other client (404) is fine.
 */
export async function keepOneRecord<R extends { id: string }>(client: BackendClient, records: R[]): Promise<{ survivor: R; deleted: number }> {
  const [survivor, ...extra] = [...records].sort((a, b) => compareImageIds(a.id, b.id));
  for (const record of extra) await client.deleteImage(record.id);
  return { survivor, deleted: extra.length };
}

/** What the backend holds of this public_id in the album, duplicates resolved; null when nothing. */
export async function askAlbum(client: BackendClient, albumId: string, publicId: string): Promise<ImageRecord | null> {
  const records = recordsOfCloudinaryId(await client.listImages(albumId, { publicId }), publicId);
  return records.length > 0 ? (await keepOneRecord(client, records)).survivor : null;
}

export async function registerExactlyOnce(client: BackendClient, o: RegisterOptions): Promise<ImageRecord> {
  const publicId = o.cloudinary.public_id;
  if (typeof publicId !== 'string' || publicId === '') {
    throw new AppError('INTERNAL', 'Cannot register a photo without its Cloudinary public_id. Please report it with the log file.');
  }
  const existing = o.askedBeforeSending ? null : await askAlbum(client, o.albumId, publicId);
  if (existing) return existing;
  const mine = await client.registerImage(o.albumId, o.cloudinary, o.metadatas);
  const after = recordsOfCloudinaryId(await client.listImages(o.albumId, { publicId }), publicId);
  if (!after.some((record) => record.id === mine.id)) after.push(mine);
  return after.length > 1 ? (await keepOneRecord(client, after)).survivor : mine;
}
