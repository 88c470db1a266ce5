/**
 * Registers one uploaded photo in its album exactly once (contract §4, §6).
 * Invariant: a POST is only sent when no earlier attempt can have reached the backend, or when
 * the backend confirms it holds no record for this Cloudinary public_id. Other backends may not
 * deduplicate, so this never relies on the server doing it.
 */
import { AppError } from '../../../shared/errors';
import type { Metadatas } from '../../../shared/metadata';
import type { BackendClient, ImageRecord } from './client';

export interface RegisterOptions {
  albumId: string;
  cloudinary: Record<string, unknown>;
  metadatas: Metadatas;
  /** True when any earlier attempt was interrupted (crash, lost answer, timeout). */
  mayAlreadyExist: boolean;
}

/** Pure: the record of this Cloudinary public_id, even if the backend ignored the filter. */
export function findByCloudinaryId(records: ImageRecord[], publicId: string): ImageRecord | null {
  return records.find((record) => record.infos?.public_id === publicId) ?? null;
}

export async function registerExactlyOnce(client: BackendClient, o: RegisterOptions): Promise<ImageRecord> {
  const publicId = o.cloudinary.public_id;
  if (typeof publicId !== 'string' || publicId === '') {
    throw new AppError('INTERNAL', 'Cannot register a photo without its Cloudinary public_id. Please report it with the log file.');
  }
  if (o.mayAlreadyExist) {
    const existing = findByCloudinaryId(await client.listImages(o.albumId, { publicId }), publicId);
    if (existing) return existing;
  }
  return client.registerImage(o.albumId, o.cloudinary, o.metadatas);
}
