/**
 * What an album on the backend already holds, asked before the first photo of a run is sent to it,
 * so that a new library (a reinstall, a second computer, a lost data dir) sends nothing that is
 * there already. The answer is kept in the library (album_contents) and asked again at each start
 * of the engine and when older than config.albumCacheMaxAgeMs.
 *
 * Two ways to ask, chosen per album from the first page of its listing:
 *  - 'listing': page through the whole album (1000 records a page) and answer from the library;
 *  - 'per-photo': `?public_id=` for each photo, when paging would cost more than asking for the
 *    photos this library still has to send there (a huge album, a few new photos).
 * Measured against the local backend (npm run bench, "album check", 5,000-record album, three runs on
 * a busy 2-core machine): one page of 1000 records took 84–210 ms, one filtered question 0.95–3.7 ms,
 * i.e. a page costs 54–164 questions. PAGE_COST takes the low end, so paging (which also learns the
 * whole album at once) is preferred when in doubt: the listing is paged unless the pages left ×
 * PAGE_COST exceed the photos still to send there. A 5,000-photo album is 5 requests; asking per
 * photo would be 5,000.
 */
import { askAlbum, compareImageIds, keepOneRecord } from '../backend/register';
import type { BackendClient, ImageRecord } from '../backend/client';
import type { EngineContext } from '../context';
import { albumSync, knownImageId, rememberInAlbum, replaceAlbumContents, unsettledJobsForAlbum, type AlbumSync } from '../library/album-contents';

export const PER_PAGE = 1000;
/** One listing page of 1000 records costs about as much as this many `?public_id=` questions (measured, above). */
export const PAGE_COST = 50;
export const DEFAULT_ALBUM_CACHE_MAX_AGE_MS = 10 * 60_000;

interface Learner {
  /** Knowledge older than this engine's start is asked again. */
  startedAt: number;
  pending: Map<string, Promise<AlbumSync>>;
}

const learners = new WeakMap<EngineContext, Learner>();

function learnerOf(ctx: EngineContext): Learner {
  let learner = learners.get(ctx);
  if (!learner) learners.set(ctx, (learner = { startedAt: ctx.clock.now(), pending: new Map() }));
  return learner;
}

/** Pure: whether what the library knows of an album may be used without asking again. */
export function isFresh(sync: AlbumSync | null, o: { startedAt: number; now: number; maxAgeMs: number }): sync is AlbumSync {
  return sync !== null && sync.fetchedAt >= o.startedAt && o.now - sync.fetchedAt < o.maxAgeMs;
}

/** Pure: page through the listing, or ask per photo (see the module's comment). */
export function chooseMode(o: { total: number; perPage: number; photosToSend: number }): AlbumSync['mode'] {
  const pagesLeft = Math.max(0, Math.ceil(o.total / o.perPage) - 1);
  return pagesLeft * PAGE_COST > o.photosToSend ? 'per-photo' : 'listing';
}

/**
 * Pages through the album. Two records of one public_id (a race between two installations that
 * ended before either could resolve it) are resolved here as after a POST: the smallest id stays.
 * Only each page's record ids are kept, not the records: a record carries the whole Cloudinary answer
 * (several KB), and an album of 70,000 photos held whole took the engine to 990 MB.
 */
async function readListing(client: BackendClient, albumId: string, first: ImageRecord[], total: number | null): Promise<Map<string, string>> {
  const idsByPublicId = new Map<string, string[]>();
  const add = (records: ImageRecord[]) => {
    for (const r of records) {
      const publicId = r.infos?.public_id;
      if (typeof publicId !== 'string') continue;
      const ids = idsByPublicId.get(publicId) ?? [];
      if (!ids.includes(r.id)) ids.push(r.id); // a record seen on two pages as the album grew counts once
      idsByPublicId.set(publicId, ids);
    }
  };
  add(first);
  // A short page is the last; with X-Total-Count, a full last page needs no empty one after it.
  for (let page = 2, more = first.length === PER_PAGE; more && (total === null || (page - 1) * PER_PAGE < total); page += 1) {
    const records = (await client.listImagesPage(albumId, { page, perPage: PER_PAGE })).records;
    add(records);
    more = records.length === PER_PAGE;
  }
  const known = new Map<string, string>();
  for (const [publicId, ids] of idsByPublicId) {
    const { survivor } =
      ids.length > 1
        ? await keepOneRecord(
            client,
            ids.map((id) => ({ id })),
          )
        : { survivor: { id: ids[0] } };
    known.set(publicId, survivor.id);
  }
  return known;
}

/** Public_id → record id; of two records of one photo, the one that survives (the smaller id). */
function idsByPublicId(records: ImageRecord[]): Map<string, string> {
  const known = new Map<string, string>();
  for (const r of records) {
    const publicId = r.infos?.public_id;
    if (typeof publicId !== 'string') continue;
    const seen = known.get(publicId);
    if (seen === undefined || compareImageIds(r.id, seen) < 0) known.set(publicId, r.id);
  }
  return known;
}

async function learn(ctx: EngineContext, albumId: string): Promise<AlbumSync> {
  const first = await ctx.backend.listImagesPage(albumId, { page: 1, perPage: PER_PAGE });
  const total = first.total ?? (first.records.length < PER_PAGE ? first.records.length : Number.MAX_SAFE_INTEGER);
  const mode = chooseMode({ total, perPage: PER_PAGE, photosToSend: unsettledJobsForAlbum(ctx.db, albumId) });
  // Asking per photo, the first page is still worth keeping: the newest photos are the likeliest to be sent again.
  const known = mode === 'listing' ? await readListing(ctx.backend, albumId, first.records, first.total) : idsByPublicId(first.records);
  const now = ctx.clock.now();
  replaceAlbumContents(
    ctx.db,
    albumId,
    mode,
    [...known].map(([publicId, imageId]) => ({ publicId, imageId })),
    now,
  );
  ctx.logger.info(`album ${albumId}: ${mode === 'listing' ? `${known.size} photo(s) already there` : `${total} photos, asked per photo`}`);
  return { mode, fetchedAt: now };
}

/** What the library knows of the album, asked of the backend first when missing or stale (once at a time per album). */
export async function knownAlbum(ctx: EngineContext, albumId: string): Promise<AlbumSync> {
  const learner = learnerOf(ctx);
  const sync = albumSync(ctx.db, albumId);
  const maxAgeMs = ctx.config.albumCacheMaxAgeMs ?? DEFAULT_ALBUM_CACHE_MAX_AGE_MS;
  if (isFresh(sync, { startedAt: learner.startedAt, now: ctx.clock.now(), maxAgeMs })) return sync;
  let pending = learner.pending.get(albumId);
  if (!pending) {
    pending = learn(ctx, albumId).finally(() => learner.pending.delete(albumId));
    learner.pending.set(albumId, pending);
  }
  return pending;
}

/** The record id of this content in the album, or null when the album does not have it. */
export async function findInAlbum(ctx: EngineContext, albumId: string, publicId: string): Promise<string | null> {
  const sync = await knownAlbum(ctx, albumId);
  const known = knownImageId(ctx.db, albumId, publicId);
  if (known || sync.mode === 'listing') return known;
  const record = await askAlbum(ctx.backend, albumId, publicId);
  if (record) rememberInAlbum(ctx.db, albumId, publicId, record.id);
  return record?.id ?? null;
}

/**
 * Synchronous, for the hashing turn's transaction: the record id when a fresh listing of the album
 * has this content; null when it does not or when nothing fresh is known (the upload step asks then).
 */
export function foundInFreshListing(ctx: EngineContext, albumId: string | null, publicId: string): string | null {
  if (!albumId || ctx.config.askAlbumFirst === false) return null;
  const sync = albumSync(ctx.db, albumId);
  const maxAgeMs = ctx.config.albumCacheMaxAgeMs ?? DEFAULT_ALBUM_CACHE_MAX_AGE_MS;
  if (!isFresh(sync, { startedAt: learnerOf(ctx).startedAt, now: ctx.clock.now(), maxAgeMs })) return null;
  return knownImageId(ctx.db, albumId, publicId);
}
