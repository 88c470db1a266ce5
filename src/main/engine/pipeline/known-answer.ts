/**
 * The Cloudinary answer for content that is already uploaded, without sending the bytes again:
 * the job's own answer (an upload finished, registration still to do), the library's (uploaded
 * for another album, not yet registered there), or — once registered — the `infos` of the album
 * record that holds it, asked of the backend. Null when none is to be had (the record was deleted):
 * the bytes are then sent again, which costs time but loses nothing.
 */
import { findByCloudinaryId } from '../backend/register';
import type { EngineContext } from '../context';
import { albumHoldingContent, getAsset } from '../library/assets';
import type { JobRow } from '../library/jobs';

export async function knownAnswer(ctx: EngineContext, job: JobRow, publicId: string): Promise<Record<string, unknown> | null> {
  if (job.cloudinaryResponse) return job.cloudinaryResponse;
  const stored = getAsset(ctx.db, publicId);
  if (stored) return stored;
  const albumId = job.sha1 ? albumHoldingContent(ctx.db, job.sha1) : null;
  if (!albumId) return null;
  const record = findByCloudinaryId(await ctx.backend.listImages(albumId, { publicId }).catch(() => []), publicId);
  return record?.infos && typeof record.infos === 'object' ? (record.infos as Record<string, unknown>) : null;
}
