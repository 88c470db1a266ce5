/**
 * Hashing step: read the file once (sha1 + metadata + content check), then decide whether
 * the album already has this content (skipped: a job of this library has it, or the album's fresh
 * listing does) or it waits for an upload slot (queued).
 */
import { stat } from 'node:fs/promises';
import { AppError } from '../../../shared/errors';
import { inspectPhoto, type InspectedPhoto } from '../read/inspect';
import type { EngineContext } from '../context';
import { getFile, setFileInspection } from '../library/files';
import { companionsOf } from '../library/companions';
import { applyJobEvent, findAlbumTwin, type JobRow } from '../library/jobs';
import { foundInFreshListing } from './album-contents';

export function publicIdFor(sha1: string): string {
  return `pixdrop/${sha1}`;
}

/**
 * A photo that reads as empty or cut short but was written to moments ago is most likely still
 * being copied: card readers and network shares stall for seconds mid-file, longer than any
 * write-finish detection waits. Such a file is looked at again later instead of failed.
 */
export const STILL_COPYING_MS = 10_000;

async function stillBeingCopied(path: string, nowMs: number): Promise<boolean> {
  try {
    return nowMs - (await stat(path)).mtimeMs < STILL_COPYING_MS;
  } catch {
    return false;
  }
}

async function inspectUnlessCopying(ctx: EngineContext, file: NonNullable<ReturnType<typeof getFile>>, signal: AbortSignal): Promise<InspectedPhoto> {
  try {
    const onWarning = (message: string) => {
      ctx.logger.warn(message);
      ctx.emit({ type: 'notice', level: 'warning', message });
    };
    return await inspectPhoto(
      { path: file.path, root: file.root, relativePath: file.relativePath, size: file.size, mtimeMs: file.mtimeMs },
      { signal, onWarning },
    );
  } catch (error) {
    const incomplete = error instanceof AppError && (error.code === 'EMPTY_FILE' || error.code === 'CORRUPT_FILE');
    if (!incomplete || !(await stillBeingCopied(file.path, ctx.clock.now()))) throw error;
    throw new AppError(
      'FILE_CHANGED',
      `${file.path} looks incomplete and was written to moments ago, so it is probably still being copied. It will be checked again shortly.`,
      {
        details: { path: file.path, stillWriting: true },
      },
    );
  }
}

export interface HashOutcome {
  job: JobRow;
  fileId: number;
  inspected: InspectedPhoto;
}

/** The slow, asynchronous half of hashing: reads the job's file. Nothing is written yet. */
export async function inspectJob(ctx: EngineContext, job: JobRow, signal: AbortSignal): Promise<HashOutcome> {
  const file = getFile(ctx.db, job.fileId);
  if (!file) throw new Error(`job ${job.id} has no file row`);
  return { job, fileId: file.id, inspected: await inspectUnlessCopying(ctx, file, signal) };
}

/**
 * The other half: records one inspection and whether the album already has (or is getting) this content.
 * Meant to run inside the caller's transaction, so the results of many photos cost one commit. A job that
 * stopped being hashed meanwhile (paused, removed) is left as it is; false then.
 */
export function recordInspection(ctx: EngineContext, { job, fileId, inspected }: HashOutcome, now: number): boolean {
  const publicId = publicIdFor(inspected.sha1);
  // A fresh listing of the album says it has this content (another installation sent it): no upload slot needed.
  const inAlbum = foundInFreshListing(ctx, job.albumId, publicId);
  const found = inAlbum ? { imageId: inAlbum } : findAlbumTwin(ctx.db, job, inspected.sha1, job.id);
  // A photo with a RAW or clip beside it goes on to the upload step even so: that album photo may lack the link.
  const twin = found && companionsOf(ctx.db, fileId).length === 0 ? found : null;
  const moved = applyJobEvent(
    ctx.db,
    job.id,
    { type: twin ? 'foundInAlbum' : 'hashed' },
    {
      now,
      patch: { sha1: inspected.sha1, publicId, bytesTotal: inspected.size, errorCode: null, errorMessage: null, imageId: twin?.imageId ?? null },
    },
  );
  if (moved === null) return false;
  setFileInspection(ctx.db, fileId, { ...inspected, now });
  return true;
}
