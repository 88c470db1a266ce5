/**
 * The files that go along with an album photo (a pair's RAW, a Live Photo's clip): each is read, sent to
 * Cloudinary once (its content-hash public_id; already held → not sent again) and named in the photo's
 * metadatas (`raw_public_id`, `motion_public_id`). A companion sent in chunks resumes at its last confirmed
 * chunk after a crash, as the photo's own file does (its progress is kept in its companions row). Runs before
 * the photo is registered, so the record carries the link from the start. A companion that vanished or is damaged is left out with a warning: the photo
 * itself is still uploaded.
 */
import { rateAt } from '../../../shared/bandwidth';
import { basename } from 'node:path';
import { AppError } from '../../../shared/errors';
import type { Metadatas } from '../../../shared/metadata';
import { uploadFile } from '../cloudinary/upload';
import type { EngineContext } from '../context';
import { getAsset, putAsset } from '../library/assets';
import { companionsOf, setCompanionProgress, type StoredCompanion } from '../library/companions';
import type { FileRow } from '../library/files';
import { inspectPhoto } from '../read/inspect';
import { isVideoMime } from '../metadata/video-metadata';
import { publicIdFor } from './hash-step';

export interface CompanionUploadOptions {
  stallTimeoutMs?: number;
  beforeRequest?(signal: AbortSignal): Promise<void>;
  params(albumId: string, publicId: string, resourceType: 'image' | 'video'): Record<string, string>;
}

/** Problems of the companion file itself: the photo goes on without the link. */
const LEFT_OUT = new Set(['FILE_GONE', 'UNREADABLE', 'EMPTY_FILE', 'CORRUPT_FILE', 'NOT_A_PHOTO']);

async function sendCompanion(
  ctx: EngineContext,
  file: FileRow,
  row: StoredCompanion,
  albumId: string,
  signal: AbortSignal,
  o: CompanionUploadOptions,
): Promise<string> {
  const relativePath = row.path.startsWith(file.root) ? row.path.slice(file.root.length + 1) : basename(row.path);
  const inspected = await inspectPhoto({ path: row.path, root: file.root, relativePath, size: 0, mtimeMs: 0 }, { signal });
  const publicId = publicIdFor(inspected.sha1);
  if (getAsset(ctx.db, publicId)) return publicId;
  const resourceType = isVideoMime(inspected.mimeType) ? 'video' : 'image';
  // A chunked upload of this same content that an earlier run began continues at its last confirmed chunk.
  const resume = row.progress?.publicId === publicId ? row.progress : null;
  const response = await uploadFile({
    path: row.path,
    size: inspected.size,
    filename: basename(row.path),
    params: o.params(albumId, publicId, resourceType),
    resourceType,
    signer: ctx.signerFor(albumId),
    chunkSize: ctx.config.chunkSize,
    resume,
    onChunkAcknowledged: (p) => setCompanionProgress(ctx.db, file.id, row.kind, { ...p, publicId }),
    expectedMtimeMs: inspected.mtimeMs,
    signal,
    stallTimeoutMs: o.stallTimeoutMs,
    beforeRequest: o.beforeRequest ? () => o.beforeRequest!(signal) : undefined,
    bytesPerSecond: () => rateAt(ctx.config.bwlimit, ctx.clock.now()), // the limit or timetable in force, read live
    clock: ctx.clock,
  });
  ctx.db.transaction(() => {
    putAsset(ctx.db, { publicId, sha1: inspected.sha1, response, now: ctx.clock.now() });
    setCompanionProgress(ctx.db, file.id, row.kind, null);
  })();
  return publicId;
}

export async function sendCompanions(ctx: EngineContext, file: FileRow, albumId: string, signal: AbortSignal, o: CompanionUploadOptions): Promise<Metadatas> {
  const links: Metadatas = {};
  for (const row of companionsOf(ctx.db, file.id)) {
    try {
      const publicId = await sendCompanion(ctx, file, row, albumId, signal, o);
      if (row.kind === 'raw') links.raw_public_id = publicId;
      else links.motion_public_id = publicId;
    } catch (error) {
      if (!(error instanceof AppError) || !LEFT_OUT.has(error.code)) throw error;
      ctx.logger.warn(`${file.path}: its ${row.kind === 'raw' ? 'RAW' : 'motion clip'} ${row.path} is left out: ${error.message}`);
    }
  }
  return links;
}
