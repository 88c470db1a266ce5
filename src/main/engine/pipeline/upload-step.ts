/**
 * Upload step, resumable at every point:
 *  1. the album is known (an album-from-folder is created on the backend by name);
 *  2. content the album already has is skipped, no bytes sent: another job of this library has it,
 *     or the backend says so (album-contents.ts asks before the first photo of a run);
 *  3. the bytes reach Cloudinary once (the content's asset may already be there, from another
 *     album or an earlier run; a chunked upload resumes at bytes_confirmed);
 *  4. the photo is registered in its album exactly once (register.ts): the backend is asked
 *     (GET …?public_id=) just before POSTing, since backends may not deduplicate, and once after.
 * Every fact is persisted before the next step starts, so a kill anywhere loses no work.
 */
import { stat } from 'node:fs/promises';
import { rateAt } from '../../../shared/bandwidth';
import { AppError } from '../../../shared/errors';
import type { JobStatus } from '../../../shared/job';
import type { Metadatas } from '../../../shared/metadata';
import { askAlbum, registerExactlyOnce } from '../backend/register';
import { uploadFile } from '../cloudinary/upload';
import type { EngineContext } from '../context';
import { albumMatchKey } from '../discover/album-names';
import { albumIdByName, cacheAlbums } from '../library/albums';
import { dropRegisteredAsset, putAsset } from '../library/assets';
import { getFile, type FileRow } from '../library/files';
import { applyJobEvent, findAlbumTwin, getJob, setAlbumForName, updateJob, type JobRow } from '../library/jobs';
import { rememberInAlbum } from '../library/album-contents';
import { classifyNodeError } from '../queue/retry-policy';
import { clearReplacement, replacementOf } from '../library/replacements';
import { companionsOf, type StoredCompanion } from '../library/companions';
import { clearLateCompanion, lateCompanionTarget, setLateCompanion, reopenForLateCompanion } from '../library/late-companions';
import { isVideoMime } from '../metadata/video-metadata';
import { sendCompanions } from './companion-step';
import { lacksCompanionLinks, runLateCompanionStep } from './late-companion-step';
import { findInAlbum } from './album-contents';
import { knownAnswer } from './known-answer';
import { crashPoint } from '../crash-points';

/** Album creations under way, per engine: parallel uploads of one new folder create its album once. */
const creating = new WeakMap<EngineContext, Map<string, Promise<string>>>();

/**
 * The album of a folder name, created when the backend has none that matches (NFC, without case). The
 * backend's list is asked first: a backend may compare names byte for byte, and `Wedding` made on another
 * computer must not get a twin `wedding`.
 */
async function findOrCreateAlbum(ctx: EngineContext, name: string): Promise<string> {
  cacheAlbums(ctx.db, await ctx.backend.listAlbums(), ctx.clock.now());
  const listed = albumIdByName(ctx.db, name);
  if (listed) return listed;
  const album = await ctx.backend.createAlbum(name);
  cacheAlbums(ctx.db, [album], ctx.clock.now());
  ctx.emit({ type: 'albumsChanged' });
  return album.id;
}

async function albumIdForName(ctx: EngineContext, name: string): Promise<string> {
  const known = albumIdByName(ctx.db, name);
  if (known) return known;
  let inFlight = creating.get(ctx);
  if (!inFlight) creating.set(ctx, (inFlight = new Map()));
  const key = albumMatchKey(name);
  let pending = inFlight.get(key);
  if (!pending) {
    pending = findOrCreateAlbum(ctx, name).finally(() => inFlight.delete(key));
    inFlight.set(key, pending);
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

export function uploadParams(albumId: string, publicId: string, resourceType: 'image' | 'video'): Record<string, string> {
  // Videos (contract §3): media_metadata, none of the image-only analyses.
  if (resourceType === 'video') return { type: 'authenticated', tags: albumId, media_metadata: '1', public_id: publicId };
  // As the album backend's own uploader sends them (seed 001); booleans as 1.
  return { type: 'authenticated', tags: albumId, faces: '1', colors: '1', image_metadata: '1', phash: '1', public_id: publicId };
}

export interface UploadStepOptions {
  /** A transfer with no byte moving (up or down) for this long is aborted and retried. */
  stallTimeoutMs?: number;
  /** Awaited before each request of a transfer: a rate limit or an outage holds a running upload too. */
  beforeRequest?(signal: AbortSignal): Promise<void>;
}

/**
 * Sends the bytes unless their answer is known; the answer is stored in one transaction with
 * whatever `alsoStore` writes (the next step's mark, which saves the small photo a commit of its own).
 */
async function sendBytes(
  ctx: EngineContext,
  at: { job: JobRow; file: FileRow; albumId: string },
  signal: AbortSignal,
  o: UploadStepOptions & { alsoStore?: () => void },
) {
  const { job, file, albumId } = at;
  const publicId = job.publicId as string;
  const known = await knownAnswer(ctx, job, publicId);
  if (known) return known;
  await assertUnchanged(file);
  const resourceType = file.mimeType && isVideoMime(file.mimeType) ? 'video' : 'image';
  const response = await uploadFile({
    path: file.path,
    size: file.size,
    filename: file.path.split(/[\\/]/).pop() ?? 'photo',
    params: uploadParams(albumId, publicId, resourceType),
    resourceType,
    signer: ctx.signerFor(albumId),
    chunkSize: ctx.config.chunkSize,
    resume: job.uploadId ? { uploadId: job.uploadId, bytesConfirmed: job.bytesConfirmed } : null,
    // A confirmed chunk proves the line works: earlier failed attempts say nothing against this
    // file any more, so a long upload over a flaky network is not given up chunk failure by chunk failure.
    onChunkAcknowledged: (p) =>
      updateJob(ctx.db, job.id, { uploadId: p.uploadId, bytesConfirmed: p.bytesConfirmed, ...(p.bytesConfirmed > 0 ? { attempts: 0 } : {}) }, ctx.clock.now()),
    onProgress: (bytes) => {
      ctx.inFlight.set(job.id, bytes);
      ctx.pace?.progress(job.id, bytes, ctx.clock.now());
      crashPoint('mid-chunk');
    },
    expectedMtimeMs: file.mtimeMs,
    signal,
    stallTimeoutMs: o.stallTimeoutMs, // uploadFile's own default when unset
    beforeRequest: o.beforeRequest ? () => o.beforeRequest!(signal) : undefined,
    bytesPerSecond: () => rateAt(ctx.config.bwlimit, ctx.clock.now()), // the limit or timetable in force, read live
    clock: ctx.clock,
  });
  const now = ctx.clock.now();
  ctx.db.transaction(() => {
    putAsset(ctx.db, { publicId, sha1: job.sha1 as string, response, now });
    updateJob(ctx.db, job.id, { cloudinaryResponse: response, bytesConfirmed: file.size }, now);
    o.alsoStore?.();
  })();
  return response;
}

function metadatasFor(file: FileRow, job: JobRow): Metadatas {
  const metadatas: Metadatas = { ...(file.metadatas ?? {}) };
  if (job.title) metadatas.title = job.title;
  if (job.description) metadatas.description = job.description;
  return metadatas;
}

/**
 * A re-export (--on-change replace): the album photo this file had is given the new upload in place
 * (PATCH, keeping its id, title and description). A PATCH is the same however often it is sent, so a retry
 * after a crash needs no check. Null when there is nothing to replace (or the photo was deleted meanwhile).
 */
async function replaceInPlace(ctx: EngineContext, jobId: number, cloudinary: Record<string, unknown>, metadatas: Metadatas) {
  const imageId = replacementOf(ctx.db, jobId);
  if (!imageId) return null;
  try {
    return await ctx.backend.patchImage(imageId, { cloudinary, metadatas: { ...metadatas } });
  } catch (error) {
    if (!(error instanceof AppError && error.code === 'REJECTED' && error.details?.httpStatus === 404)) throw error;
    ctx.logger.warn(`the album photo ${imageId} to replace is gone; registering the new version instead`);
    clearReplacement(ctx.db, jobId);
    return null;
  }
}

/** Registration the way it was before albums were asked first: a POST unless an earlier attempt may have reached the backend. */
async function registerBlind(ctx: EngineContext, o: { albumId: string; cloudinary: Record<string, unknown>; metadatas: Metadatas; askFirst: boolean }) {
  const known = o.askFirst ? await askAlbum(ctx.backend, o.albumId, String(o.cloudinary.public_id)) : null;
  return known ?? ctx.backend.registerImage(o.albumId, o.cloudinary, o.metadatas);
}

/** The album already has (or is getting) this content: another job of this library has it, or the backend says so. */
async function alreadyInAlbum(ctx: EngineContext, job: JobRow, albumId: string): Promise<{ imageId: string | null } | null> {
  const twin = findAlbumTwin(ctx.db, { albumKey: job.albumKey, albumId }, job.sha1 as string, job.id);
  if (twin && !job.cloudinaryResponse) return { imageId: twin.imageId };
  if (ctx.config.askAlbumFirst === false) return null;
  const imageId = await findInAlbum(ctx, albumId, job.publicId as string);
  return imageId ? { imageId } : null;
}

/** How long a photo with a RAW or clip waits for its twin (same content, same album, still being sent) to be registered. */
const TWIN_WAIT_MS = 2_000;

/**
 * The same content is on its way into this album by another job, and this one has a RAW or clip to link to that
 * album photo: it waits (no error) until the photo has its record, then links them (a skip would drop them).
 */
function waitForTwin(ctx: EngineContext, job: JobRow): 'stopped' {
  const now = ctx.clock.now();
  applyJobEvent(ctx.db, job.id, { type: 'transientError' }, { now, patch: { nextAttemptAt: now + TWIN_WAIT_MS, errorCode: null, errorMessage: null } });
  return 'stopped';
}

/**
 * Before sending: the album may have this content already (skipped), or have it without a RAW or clip found
 * beside it (then only those are sent and linked to it). Null when the photo is to be sent.
 */
async function settleIfInAlbum(ctx: EngineContext, at: { job: JobRow; file: FileRow; albumId: string }, signal: AbortSignal, o: UploadStepOptions) {
  const { job, file, albumId } = at;
  const there = await alreadyInAlbum(ctx, job, albumId);
  signal.throwIfAborted(); // paused while the album was asked: the pause stands
  if (!there) return null;
  if (!there.imageId && companionsOf(ctx.db, file.id).length > 0) return waitForTwin(ctx, job);
  const linkTo = there.imageId ? { albumId, publicId: job.publicId as string, imageId: there.imageId } : null;
  if (linkTo && (await lacksCompanionLinks(ctx, file, linkTo))) {
    setLateCompanion(ctx.db, job.id, linkTo.imageId);
    return runLateCompanionStep(ctx, job, file, linkTo, signal, { ...o, params: uploadParams });
  }
  const moved = applyJobEvent(ctx.db, job.id, { type: 'foundInAlbum' }, { now: ctx.clock.now(), patch: { albumId, imageId: there.imageId } });
  return moved ? 'skipped' : 'stopped';
}

/** A companion recorded after the photo's companions were sent (a RAW copied in while its JPEG was registered). */
function arrivedSince(sent: StoredCompanion[], now: StoredCompanion[]): boolean {
  return now.some((c) => !sent.some((s) => s.kind === c.kind && s.path === c.path));
}

/**
 * Returns 'skipped' when the album turned out to have this content already, 'stopped' when the job was
 * paused or cancelled meanwhile (its status is then left as the command set it).
 */
export async function runUploadStep(
  ctx: EngineContext,
  claimed: JobRow,
  signal: AbortSignal,
  o: UploadStepOptions = {},
): Promise<'done' | 'skipped' | 'stopped'> {
  const file = getFile(ctx.db, claimed.fileId);
  if (!file || !claimed.sha1) throw new Error(`job ${claimed.id} is not ready to upload`);
  crashPoint('before-upload');
  const albumId = await resolveAlbumId(ctx, claimed);
  const job = getJob(ctx.db, claimed.id) as JobRow;
  const lateTo = job.imageId ? lateCompanionTarget(ctx.db, job.id) : null;
  if (lateTo) return runLateCompanionStep(ctx, job, file, { albumId, imageId: lateTo }, signal, { ...o, params: uploadParams });
  if (job.registerAttempts === 0) {
    const settled = await settleIfInAlbum(ctx, { job, file, albumId }, signal, o);
    if (settled) return settled;
  }
  const markUploaded = () =>
    applyJobEvent(ctx.db, job.id, { type: 'uploaded' }, { now: ctx.clock.now(), patch: { registerAttempts: job.registerAttempts + 1 } });
  // A photo without companions is marked uploaded in the transaction that stores its answer.
  const early: { mark?: JobStatus | null } = {};
  const alsoStore = () => {
    if (companionsOf(ctx.db, file.id).length === 0) early.mark = markUploaded();
  };
  const cloudinary = await sendBytes(ctx, { job, file, albumId }, signal, { ...o, alsoStore }).then(
    (answer) => (ctx.pace?.ended(job.id, null, ctx.clock.now()), answer),
    (error: unknown) => {
      ctx.pace?.ended(job.id, error, ctx.clock.now());
      throw error;
    },
  );
  // Marked early, it had no companion then: one that arrived since is found after registering (arrivedSince).
  const sentWith = early.mark === undefined ? companionsOf(ctx.db, file.id) : [];
  const links = early.mark === undefined ? await sendCompanions(ctx, file, albumId, signal, { ...o, params: uploadParams }) : {};
  if (!(early.mark === undefined ? markUploaded() : early.mark)) return 'stopped';
  ctx.jobChanged(job.id);
  crashPoint('uploaded');
  const metadatas = { ...metadatasFor(file, job), ...links };
  const record =
    (await replaceInPlace(ctx, job.id, cloudinary, metadatas)) ??
    (ctx.config.askAlbumFirst === false
      ? await registerBlind(ctx, { albumId, cloudinary, metadatas, askFirst: job.registerAttempts > 0 })
      : await registerExactlyOnce(ctx.backend, { albumId, cloudinary, metadatas, askedBeforeSending: job.registerAttempts === 0 }));
  const moved = ctx.db.transaction(() => {
    rememberInAlbum(ctx.db, albumId, job.publicId as string, record.id);
    const registered = applyJobEvent(
      ctx.db,
      job.id,
      { type: 'registered' },
      { now: ctx.clock.now(), patch: { imageId: record.id, cloudinaryResponse: null, errorCode: null, errorMessage: null, nextAttemptAt: null } },
    );
    clearReplacement(ctx.db, job.id);
    clearLateCompanion(ctx.db, job.id);
    // Registered: the answer now lives in the album's record; the library keeps only what it needs.
    if (registered) dropRegisteredAsset(ctx.db, String(cloudinary.public_id));
    // A RAW or clip that arrived while this photo was being registered is sent and linked next.
    if (registered && arrivedSince(sentWith, companionsOf(ctx.db, file.id))) reopenForLateCompanion(ctx.db, job.id, ctx.clock.now());
    return registered;
  })();
  crashPoint('registered');
  // The album's count and cover changed (hosts batch these, so a big upload is not a flood).
  ctx.emit({ type: 'albumsChanged' });
  return moved ? 'done' : 'stopped';
}
