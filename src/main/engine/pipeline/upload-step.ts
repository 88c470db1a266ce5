/**
 * Upload step, resumable at every point:
 *  1. the album is known (an album-from-folder is created on the backend by name);
 *  2. the bytes reach Cloudinary once (the content's asset may already be there, from another
 *     album or an earlier run; a chunked upload resumes at bytes_confirmed);
 *  3. the photo is registered in its album exactly once: after any interrupted attempt the
 *     backend is asked (GET …?public_id=) before POSTing again, since backends may not deduplicate.
 * Every fact is persisted before the next step starts, so a kill anywhere loses no work.
 */
import { stat } from 'node:fs/promises';
import { AppError } from '../../../shared/errors';
import type { Metadatas } from '../../../shared/metadata';
import { registerExactlyOnce } from '../backend/register';
import { uploadFile } from '../cloudinary/upload';
import type { EngineContext } from '../context';
import { albumIdByName, cacheAlbums } from '../library/albums';
import { getAsset, putAsset } from '../library/assets';
import { getFile, type FileRow } from '../library/files';
import { findAlbumTwin, getJob, setAlbumForName, updateJob, type JobRow } from '../library/jobs';
import { classifyNodeError } from '../queue/retryPolicy';

/** Album creations under way, per engine: parallel uploads of one new folder create its album once. */
const creating = new WeakMap<EngineContext, Map<string, Promise<string>>>();

async function albumIdForName(ctx: EngineContext, name: string): Promise<string> {
  const known = albumIdByName(ctx.db, name);
  if (known) return known;
  let inFlight = creating.get(ctx);
  if (!inFlight) creating.set(ctx, (inFlight = new Map()));
  let pending = inFlight.get(name);
  if (!pending) {
    pending = ctx.backend
      .createAlbum(name)
      .then((album) => {
        cacheAlbums(ctx.db, [album], ctx.clock.now());
        ctx.emit({ type: 'albumsChanged' });
        return album.id;
      })
      .finally(() => inFlight.delete(name));
    inFlight.set(name, pending);
  }
  return pending;
}

async function resolveAlbumId(ctx: EngineContext, job: JobRow): Promise<string> {
  if (job.albumId) return job.albumId;
  const name = job.albumName ?? 'PixDrop';
  const albumId = await albumIdForName(ctx, name);
  setAlbumForName(ctx.db, name, albumId, ctx.clock.now());
  return albumId;
}

async function assertUnchanged(file: FileRow): Promise<void> {
  const now = await stat(file.path).catch((error: unknown) => {
    throw classifyNodeError(error, file.path);
  });
  if (now.size !== file.size || Math.floor(now.mtimeMs) !== file.mtimeMs) {
    throw new AppError('FILE_CHANGED', `${file.path} changed while waiting to upload; it will be read again and sent as it is now.`);
  }
}

function uploadParams(albumId: string, publicId: string): Record<string, string> {
  // As the album backend's own uploader sends them (seed 001); booleans as 1.
  return { type: 'authenticated', tags: albumId, faces: '1', colors: '1', image_metadata: '1', phash: '1', public_id: publicId };
}

export interface UploadStepOptions {
  /** A transfer with no byte moving (up or down) for this long is aborted and retried. */
  stallTimeoutMs?: number;
  /** Awaited before each request of a transfer: a rate limit or an outage holds a running upload too. */
  beforeRequest?(signal: AbortSignal): Promise<void>;
}

async function sendBytes(ctx: EngineContext, job: JobRow, file: FileRow, albumId: string, signal: AbortSignal, o: UploadStepOptions) {
  const publicId = job.publicId as string;
  const known = job.cloudinaryResponse ?? getAsset(ctx.db, publicId);
  if (known) return known;
  await assertUnchanged(file);
  const response = await uploadFile({
    path: file.path,
    size: file.size,
    filename: file.path.split(/[\\/]/).pop() ?? 'photo',
    params: uploadParams(albumId, publicId),
    signer: ctx.signerFor(albumId),
    chunkSize: ctx.config.chunkSize,
    resume: job.uploadId ? { uploadId: job.uploadId, bytesConfirmed: job.bytesConfirmed } : null,
    // A confirmed chunk proves the line works: earlier failed attempts say nothing against this
    // file any more, so a long upload over a flaky network is not given up chunk failure by chunk failure.
    onChunkAcknowledged: (p) =>
      updateJob(ctx.db, job.id, { uploadId: p.uploadId, bytesConfirmed: p.bytesConfirmed, ...(p.bytesConfirmed > 0 ? { attempts: 0 } : {}) }, ctx.clock.now()),
    onProgress: (bytes) => {
      ctx.inFlight.set(job.id, bytes);
    },
    expectedMtimeMs: file.mtimeMs,
    signal,
    stallTimeoutMs: o.stallTimeoutMs, // uploadFile's own default when unset
    beforeRequest: o.beforeRequest ? () => o.beforeRequest!(signal) : undefined,
    bytesPerSecond: ctx.config.bwlimit,
    clock: ctx.clock,
  });
  const now = ctx.clock.now();
  ctx.db.transaction(() => {
    putAsset(ctx.db, { publicId, sha1: job.sha1 as string, response, now });
    updateJob(ctx.db, job.id, { cloudinaryResponse: response, bytesConfirmed: file.size }, now);
  })();
  return response;
}

function metadatasFor(file: FileRow, job: JobRow): Metadatas {
  const metadatas: Metadatas = { ...(file.metadatas ?? {}) };
  if (job.title) metadatas.title = job.title;
  if (job.description) metadatas.description = job.description;
  return metadatas;
}

/** Returns 'skipped' when the album turned out to have this content already. */
export async function runUploadStep(ctx: EngineContext, claimed: JobRow, signal: AbortSignal, o: UploadStepOptions = {}): Promise<'done' | 'skipped'> {
  const file = getFile(ctx.db, claimed.fileId);
  if (!file || !claimed.sha1) throw new Error(`job ${claimed.id} is not ready to upload`);
  const albumId = await resolveAlbumId(ctx, claimed);
  const job = getJob(ctx.db, claimed.id) as JobRow;
  const twin = findAlbumTwin(ctx.db, { albumKey: job.albumKey, albumId }, job.sha1 as string, job.id);
  if (twin && !job.cloudinaryResponse && job.registerAttempts === 0) {
    updateJob(ctx.db, job.id, { albumId, status: 'skipped', imageId: twin.imageId }, ctx.clock.now());
    return 'skipped';
  }
  const cloudinary = await sendBytes(ctx, job, file, albumId, signal, o);
  updateJob(ctx.db, job.id, { status: 'registering', registerAttempts: job.registerAttempts + 1 }, ctx.clock.now());
  ctx.jobChanged(job.id);
  const record = await registerExactlyOnce(ctx.backend, {
    albumId,
    cloudinary,
    metadatas: metadatasFor(file, job),
    mayAlreadyExist: job.registerAttempts > 0,
  });
  updateJob(ctx.db, job.id, { status: 'done', imageId: record.id, errorCode: null, errorMessage: null, nextAttemptAt: null }, ctx.clock.now());
  // The album's count and cover changed (hosts batch these, so a big upload is not a flood).
  ctx.emit({ type: 'albumsChanged' });
  return 'done';
}
