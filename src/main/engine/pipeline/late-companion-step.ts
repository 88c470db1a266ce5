/**
 * A RAW or clip that arrived after its photo was registered (the JPEGs copied first, the RAWs later): sent to
 * Cloudinary as a pair's companion is (companion-step.ts: once, resumable) and then named on the album photo
 * the job already has, by a PATCH of that record with only the link, so its id, title, description and
 * keywords stay as they are. A PATCH is the same however often it is sent: a retry after a crash needs no check.
 */
import { AppError } from '../../../shared/errors';
import type { Metadatas } from '../../../shared/metadata';
import type { EngineContext } from '../context';
import { crashPoint } from '../crash-points';
import type { FileRow } from '../library/files';
import { applyJobEvent, type JobRow } from '../library/jobs';
import { companionsOf } from '../library/companions';
import { clearLateCompanion } from '../library/late-companions';
import { sendCompanions, type CompanionUploadOptions } from './companion-step';

/** Names the companions on the album photo; a photo deleted from the album meanwhile has nothing to link to. */
async function linkToRecord(ctx: EngineContext, file: FileRow, imageId: string, links: Metadatas): Promise<void> {
  try {
    await ctx.backend.patchImage(imageId, { metadatas: { ...links } });
  } catch (error) {
    if (!(error instanceof AppError && error.code === 'REJECTED' && error.details?.httpStatus === 404)) throw error;
    ctx.logger.warn(
      `${file.path}: its album photo ${imageId} was deleted from the album, so its RAW or clip is not linked to it; add the file again to upload it anew`,
    );
  }
}

const LINK_OF = { raw: 'raw_public_id', motion: 'motion_public_id' } as const;

/**
 * A photo the album already has, found beside a RAW or clip its record does not name (a new library on another
 * computer, the JPEG uploaded alone before): one GET of that record, asked only for photos with companions.
 */
export async function lacksCompanionLinks(ctx: EngineContext, file: FileRow, album: { albumId: string; publicId: string; imageId: string }): Promise<boolean> {
  const companions = companionsOf(ctx.db, file.id);
  if (companions.length === 0) return false;
  const records = await ctx.backend.listImages(album.albumId, { publicId: album.publicId });
  const record = records.find((r) => r.id === album.imageId);
  return record !== undefined && companions.some((c) => !record.metadatas[LINK_OF[c.kind]]);
}

export async function runLateCompanionStep(
  ctx: EngineContext,
  job: JobRow,
  file: FileRow,
  link: { albumId: string; imageId: string },
  signal: AbortSignal,
  o: CompanionUploadOptions,
): Promise<'done' | 'stopped'> {
  const links = await sendCompanions(ctx, file, link.albumId, signal, o);
  if (!applyJobEvent(ctx.db, job.id, { type: 'uploaded' }, { now: ctx.clock.now() })) return 'stopped';
  ctx.jobChanged(job.id);
  crashPoint('uploaded');
  if (Object.keys(links).length > 0) await linkToRecord(ctx, file, link.imageId, links);
  const moved = ctx.db.transaction(() => {
    const registered = applyJobEvent(
      ctx.db,
      job.id,
      { type: 'registered' },
      { now: ctx.clock.now(), patch: { albumId: link.albumId, imageId: link.imageId, errorCode: null, errorMessage: null, nextAttemptAt: null } },
    );
    if (registered) clearLateCompanion(ctx.db, job.id);
    return registered;
  })();
  ctx.emit({ type: 'albumsChanged' });
  return moved ? 'done' : 'stopped';
}
