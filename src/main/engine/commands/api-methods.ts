/**
 * The PixdropApi calls as the engine answers them. Each returns a Result: errors cross as
 * data (code + message), never as exceptions, whichever host (IPC, HTTP, CLI) asked.
 */
import path from 'node:path';
import type { ImageView, JobQuery, PhotoDetails, PhotoEdit, PixdropApi, Result, SettingsView } from '../../../shared/api';
import { AppError, toView, type ErrorView } from '../../../shared/errors';
import type { ImageRecord } from '../backend/client';
import { listWholeAlbum } from '../backend/whole-album';
import type { EngineContext } from '../context';
import { cacheAlbums, cachedAlbums } from '../library/albums';
import { companionsOf } from '../library/companions';
import { getFile } from '../library/files';
import { getJob, jobIdsWithStatus, updateJob } from '../library/jobs';
import { listJobViews } from '../library/job-views';
import { readThumbnail } from '../metadata/exif';
import { heicThumbnailsIn, isHeifName } from '../thumbnails/heic-thumbnails';
import { summarizeCrashDumps } from '../diagnostics/crash-dumps';
import { desktopSwitches, loadSettings } from '../settings';

export async function attempt<T>(work: () => Promise<T> | T): Promise<Result<T>> {
  try {
    return { ok: true, value: await work() };
  } catch (error) {
    return { ok: false, error: toView(error) };
  }
}

export function toImageView(r: ImageRecord): ImageView {
  const thumbs = r.thumbnails ?? {};
  const number = (v: unknown) => (v === null || v === undefined || v === '' ? null : Number(v));
  return {
    id: r.id,
    public_id: String(r.infos?.public_id ?? r.public_id),
    filename: r.filename ?? null,
    title: r.title ?? null,
    description: r.description ?? null,
    taken_at: r.taken_at ?? null,
    width: number(r.width),
    height: number(r.height),
    thumbnail_url: thumbs.large ?? thumbs.mini ?? (r.infos?.secure_url as string | undefined) ?? null,
    metadatas: r.metadatas ?? {},
  };
}

export async function photoDetails(ctx: EngineContext, jobId: number): Promise<PhotoDetails> {
  const job = getJob(ctx.db, jobId);
  const file = job ? getFile(ctx.db, job.fileId) : null;
  if (!job || !file)
    throw new AppError('REJECTED', `No photo with id ${jobId}: it is not in the queue (ids come from the queue list or \`pixdrop status\`).`, {
      details: { jobId },
    });
  const embedded = await readThumbnail(file.path).catch(() => null);
  const decoded = embedded ? null : await decodedHeifThumbnail(ctx, file.path, file.sha1);
  const thumb = embedded ?? decoded?.jpeg ?? null;
  const metadatas = { ...(file.metadatas ?? {}) };
  return {
    jobId,
    path: file.path,
    metadatas,
    thumbnail: thumb ? `data:image/jpeg;base64,${thumb.toString('base64')}` : null,
    ...(decoded?.later ? { thumbnailLater: true } : {}),
    imageId: job.imageId,
    title: job.pendingEdit?.title ?? job.title ?? metadatas.title ?? null,
    description: job.pendingEdit?.description ?? job.description ?? metadatas.description ?? null,
    keywords: job.pendingEdit?.keywords ?? job.keywords ?? keywordList(metadatas.keywords),
    pendingEdit: job.pendingEdit !== null,
    ...pairDetails(ctx, job.fileId),
  };
}

/**
 * A HEIC/HEIF without an embedded JPEG preview (an iPhone's is HEVC): decoded once, kept in the data dir
 * by content. No JPEG when the file cannot be decoded; `later` when the decoder is busy with others, so the
 * window asks again instead of keeping an empty tile.
 */
async function decodedHeifThumbnail(ctx: EngineContext, file: string, sha1: string | null): Promise<{ jpeg: Buffer | null; later: boolean } | null> {
  if (!isHeifName(file)) return null;
  const result = await heicThumbnailsIn(path.join(ctx.config.dataDir, 'thumbnails')).thumbnail(file, sha1);
  if (result.ok) return { jpeg: result.jpeg, later: false };
  ctx.logger.debug(`no thumbnail for ${file}: ${result.message}`);
  return { jpeg: null, later: result.reason === 'busy' };
}

/** Keywords as the scan stored them: a list, or one text for a single keyword. */
function keywordList(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  return typeof value === 'string' && value ? [value] : [];
}

/** The RAW and the clip that make one album photo with this file. */
function pairDetails(ctx: EngineContext, fileId: number): { pair?: PhotoDetails['pair'] } {
  const rows = companionsOf(ctx.db, fileId);
  if (rows.length === 0) return {};
  return { pair: Object.fromEntries(rows.map((c) => [c.kind, c.path])) };
}

/** Sends edits kept while offline (or before the photo was registered). */
export async function flushPendingEdits(ctx: EngineContext, jobIds: number[]): Promise<void> {
  for (const id of jobIds) {
    const job = getJob(ctx.db, id);
    if (!job?.pendingEdit || !job.imageId) continue;
    const { keywords, ...text } = job.pendingEdit;
    await ctx.backend.patchImage(job.imageId, keywords ? { ...text, metadatas: { keywords } } : text);
    updateJob(ctx.db, id, { pendingEdit: null }, ctx.clock.now());
    ctx.jobChanged(id);
  }
}

export function makeQueries(ctx: EngineContext): Pick<PixdropApi, 'listAlbums' | 'createAlbum' | 'listAlbumImages' | 'listJobs' | 'getPhoto'> {
  return {
    listAlbums: () =>
      attempt(async () => {
        try {
          const albums = await ctx.backend.listAlbums();
          cacheAlbums(ctx.db, albums, ctx.clock.now());
          return albums;
        } catch (error) {
          const cached = cachedAlbums(ctx.db);
          if (cached.length > 0 && toView(error).code === 'OFFLINE') return cached;
          throw error;
        }
      }),
    createAlbum: (name) =>
      attempt(async () => {
        const album = await ctx.backend.createAlbum(name);
        cacheAlbums(ctx.db, [album], ctx.clock.now());
        ctx.emit({ type: 'albumsChanged' });
        return album;
      }),
    listAlbumImages: (albumId) => attempt(async () => (await listWholeAlbum(ctx.backend, albumId)).map(toImageView)),
    listJobs: (query: JobQuery) =>
      attempt(() => {
        const page = listJobViews(ctx.db, query, (id) => ctx.inFlight.get(id) ?? 0);
        return { total: page.total, offset: query.offset ?? 0, jobs: page.jobs };
      }),
    getPhoto: (jobId) => attempt(() => photoDetails(ctx, jobId)),
  };
}

export async function editPhoto(ctx: EngineContext, jobId: number, edit: PhotoEdit, o: { unsent?(error: ErrorView): void } = {}): Promise<PhotoDetails> {
  const job = getJob(ctx.db, jobId);
  if (!job)
    throw new AppError('REJECTED', `No photo with id ${jobId}: it is not in the queue (ids come from the queue list or \`pixdrop status\`).`, {
      details: { jobId },
    });
  const pending = { ...(job.pendingEdit ?? {}), ...edit };
  const kept = { title: pending.title ?? job.title, description: pending.description ?? job.description, keywords: pending.keywords ?? job.keywords };
  updateJob(ctx.db, jobId, { pendingEdit: pending, ...kept }, ctx.clock.now());
  if (job.imageId) {
    // Sent now when we can; kept and sent later when offline.
    await flushPendingEdits(ctx, [jobId]).catch((error) => {
      const view = toView(error);
      ctx.logger.warn(`edit of photo ${jobId} kept for later: ${view.message}`);
      o.unsent?.(view);
    });
  }
  ctx.jobChanged(jobId);
  return photoDetails(ctx, jobId);
}

export function settingsView(ctx: EngineContext): SettingsView {
  const { config } = ctx;
  const saved = loadSettings(config.dataDir);
  return {
    backendUrl: config.demoMode ? null : config.backendUrl,
    ...desktopSwitches(saved),
    language: saved.language ?? null,
    crashDumps: summarizeCrashDumps(config.dataDir),
    hasToken: Boolean(config.apiToken),
    hasCloudinaryUrl: Boolean(config.cloudinary) && !config.demoMode,
    cloudName: config.cloudinary?.cloudName ?? null,
    concurrency: config.concurrency,
    chunkSize: config.chunkSize,
    bwlimit: config.bwlimit?.spec ?? null,
    demoMode: config.demoMode,
  };
}

export function failedJobIds(ctx: EngineContext, ids?: number[]): number[] {
  return jobIdsWithStatus(ctx.db, ['failed'], ids);
}
