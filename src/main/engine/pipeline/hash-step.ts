/**
 * Hashing step: read the file once (sha1 + metadata + content check), then decide whether
 * the album already has this content (skipped) or it waits for an upload slot (queued).
 */
import { inspectPhoto } from '../scan/inspect';
import type { EngineContext } from '../context';
import { getFile, setFileInspection } from '../library/files';
import { findAlbumTwin, updateJob, type JobRow } from '../library/jobs';

export function publicIdFor(sha1: string): string {
  return `pixdrop/${sha1}`;
}

export async function runHashStep(ctx: EngineContext, job: JobRow, signal: AbortSignal): Promise<void> {
  const file = getFile(ctx.db, job.fileId);
  if (!file) throw new Error(`job ${job.id} has no file row`);
  const inspected = await inspectPhoto(
    { path: file.path, root: file.root, relativePath: file.relativePath, size: file.size, mtimeMs: file.mtimeMs },
    { signal },
  );
  const now = ctx.clock.now();
  ctx.db.transaction(() => {
    setFileInspection(ctx.db, file.id, { ...inspected, now });
    const twin = findAlbumTwin(ctx.db, job, inspected.sha1, job.id);
    updateJob(
      ctx.db,
      job.id,
      {
        sha1: inspected.sha1,
        publicId: publicIdFor(inspected.sha1),
        bytesTotal: inspected.size,
        status: twin ? 'skipped' : 'queued',
        errorCode: null,
        errorMessage: null,
        imageId: twin?.imageId ?? null,
      },
      now,
    );
  })();
}
