/**
 * SQL for `jobs`: one row per (file, album). The row holds everything resuming needs:
 * upload_id + bytes_confirmed (chunked upload), the Cloudinary response once received, and
 * register_attempts (> 0 means a registration may have reached the backend, so ask first).
 * The status is written only by `applyJobEvent` and the bulk moves built on the same machine.
 */
import { JOB_STATUSES, transition, type JobEvent, type JobStatus } from '../../../shared/job';
import path from 'node:path';
import type { Db } from './db';

export interface JobRow {
  id: number;
  fileId: number;
  albumKey: string;
  albumId: string | null;
  albumName: string | null;
  status: JobStatus;
  errorCode: string | null;
  errorMessage: string | null;
  attempts: number;
  nextAttemptAt: number | null;
  sha1: string | null;
  publicId: string | null;
  uploadId: string | null;
  bytesTotal: number;
  bytesConfirmed: number;
  cloudinaryResponse: Record<string, unknown> | null;
  registerAttempts: number;
  imageId: string | null;
  pendingEdit: { title?: string; description?: string; keywords?: string[] } | null;
  title: string | null;
  keywords: string[] | null;
  description: string | null;
  bytesResent: number;
  updatedAt: number;
}

const COLUMNS: Record<string, string> = {
  albumId: 'album_id',
  albumName: 'album_name',
  errorCode: 'error_code',
  errorMessage: 'error_message',
  attempts: 'attempts',
  nextAttemptAt: 'next_attempt_at',
  sha1: 'sha1',
  publicId: 'public_id',
  uploadId: 'upload_id',
  bytesTotal: 'bytes_total',
  bytesConfirmed: 'bytes_confirmed',
  cloudinaryResponse: 'cloudinary_response',
  registerAttempts: 'register_attempts',
  imageId: 'image_id',
  pendingEdit: 'pending_edit',
  title: 'title',
  description: 'description',
  keywords: 'keywords',
  bytesResent: 'bytes_resent',
};
const JSON_FIELDS = new Set(['cloudinaryResponse', 'pendingEdit', 'keywords']);

export type RawJob = Record<string, unknown>;

export function toJobRow(r: RawJob): JobRow {
  const parse = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : null);
  return {
    id: r.id as number,
    fileId: r.file_id as number,
    albumKey: r.album_key as string,
    albumId: r.album_id as string | null,
    albumName: r.album_name as string | null,
    status: r.status as JobStatus,
    errorCode: r.error_code as string | null,
    errorMessage: r.error_message as string | null,
    attempts: r.attempts as number,
    nextAttemptAt: r.next_attempt_at as number | null,
    sha1: r.sha1 as string | null,
    publicId: r.public_id as string | null,
    uploadId: r.upload_id as string | null,
    bytesTotal: r.bytes_total as number,
    bytesConfirmed: r.bytes_confirmed as number,
    cloudinaryResponse: parse(r.cloudinary_response),
    registerAttempts: r.register_attempts as number,
    imageId: r.image_id as string | null,
    pendingEdit: parse(r.pending_edit),
    title: r.title as string | null,
    description: r.description as string | null,
    keywords: parse(r.keywords),
    bytesResent: r.bytes_resent as number,
    updatedAt: r.updated_at as number,
  };
}

/** Every field but the status: that changes only through `applyJobEvent` and the named bulk moves below. */
export type JobPatch = Partial<Omit<JobRow, 'id' | 'fileId' | 'albumKey' | 'updatedAt' | 'status'>>;

/** `column = @p_field` for each patched field, its value added to `params`. */
function patchSets(patch: JobPatch, params: Record<string, unknown>): string[] {
  const sets: string[] = [];
  for (const [key, value] of Object.entries(patch)) {
    const column = COLUMNS[key];
    if (!column) throw new Error(`job patch: unknown field ${key}`);
    sets.push(`${column} = @p_${key}`);
    params[`p_${key}`] = JSON_FIELDS.has(key) && value !== null && value !== undefined ? JSON.stringify(value) : (value ?? null);
  }
  return sets;
}

/** Writes what a step learnt about a job (progress, answers, edits); never its status. */
export function updateJob(db: Db, id: number, patch: JobPatch, now: number): void {
  const params: Record<string, unknown> = { id, now };
  const sets = ['updated_at = @now', ...patchSets(patch, params)];
  db.prepare(`UPDATE jobs SET ${sets.join(', ')} WHERE id = @id`).run(params);
}

/**
 * The one writer of a job's status. The pure `transition()` decides; the row is updated only if its
 * status is still the one decided from (compare-and-set), so a pause or cancel that landed while a
 * step ran is never overwritten by the step's own result. Returns the new status, or null when the
 * event does not apply (or the row moved on meanwhile): then nothing at all was written.
 * `from`: the status the caller just read in this transaction, saving the read.
 */
export function applyJobEvent(db: Db, id: number, event: JobEvent, o: { now: number; patch?: JobPatch; from?: JobStatus }): JobStatus | null {
  const from = o.from ?? (db.prepare('SELECT status FROM jobs WHERE id = ?').get(id) as { status: JobStatus } | undefined)?.status;
  if (from === undefined) return null;
  const to = transition(from, event);
  if (to === null) return null;
  const params: Record<string, unknown> = { id, from, to, now: o.now };
  const sets = ['status = @to', 'updated_at = @now', ...patchSets(o.patch ?? {}, params)];
  return db.prepare(`UPDATE jobs SET ${sets.join(', ')} WHERE id = @id AND status = @from`).run(params).changes === 1 ? to : null;
}

/** Where an event takes each status it applies to, read from the machine. */
export function movesOf(event: JobEvent): Array<{ from: JobStatus; to: JobStatus }> {
  return JOB_STATUSES.flatMap((from) => {
    const to = transition(from, event);
    return to === null ? [] : [{ from, to }];
  });
}

/**
 * One event applied to many rows in one statement: each row's own status picks its next one
 * (`CASE status …`, the machine's moves), read and written in the same statement. Returns the ids moved.
 */
function applyToMany(
  db: Db,
  event: JobEvent,
  o: { now: number; patch?: JobPatch; ids?: number[]; where?: string; params?: Record<string, unknown> },
): number[] {
  const moves = movesOf(event);
  if (moves.length === 0 || o.ids?.length === 0) return [];
  const params: Record<string, unknown> = { now: o.now, ...o.params };
  const cases = moves.map((m, i) => {
    params[`from${i}`] = m.from;
    params[`to${i}`] = m.to;
    return `WHEN @from${i} THEN @to${i}`;
  });
  const where = [`status IN (${moves.map((_, i) => `@from${i}`).join(', ')})`];
  if (o.ids) {
    where.push('id IN (SELECT value FROM json_each(@ids))');
    params.ids = JSON.stringify(o.ids);
  }
  if (o.where) where.push(o.where);
  const sets = [`status = CASE status ${cases.join(' ')} END`, 'updated_at = @now', ...patchSets(o.patch ?? {}, params)];
  const rows = db.prepare(`UPDATE jobs SET ${sets.join(', ')} WHERE ${where.join(' AND ')} RETURNING id`).all(params) as { id: number }[];
  return rows.map((r) => r.id);
}

/** The commands on many jobs (pause, resume, retry, cancel): the given ids or every job the event applies to. */
export function applyJobEventToMany(db: Db, event: JobEvent, ids: number[] | 'all', o: { now: number; patch?: JobPatch }): number[] {
  return applyToMany(db, event, { ...o, ids: ids === 'all' ? undefined : ids });
}

export function getJob(db: Db, id: number): JobRow | null {
  const row = db.prepare('SELECT * FROM jobs WHERE id = ?').get(id) as RawJob | undefined;
  return row ? toJobRow(row) : null;
}

export function albumKeyOf(target: { albumId?: string; albumName?: string }): string {
  return target.albumId !== undefined ? `id:${target.albumId}` : `name:${target.albumName}`;
}

/** New content at the same path: a new photo for the album, sent and registered from scratch. */
const FRESH_CONTENT = (bytesTotal: number): JobPatch => ({
  sha1: null,
  publicId: null,
  uploadId: null,
  bytesConfirmed: 0,
  cloudinaryResponse: null,
  registerAttempts: 0,
  imageId: null,
  errorCode: null,
  errorMessage: null,
  attempts: 0,
  nextAttemptAt: null,
  bytesTotal,
});

/**
 * Creates the job for (file, album) unless it exists. An existing job hears what the scan found:
 * new content at its path (`contentChanged`) or, unchanged, that it was added again (`addedAgain`,
 * which brings back a cancelled file). `newFile`: the file was recorded just now, so it has no job to look up.
 */
export function ensureJob(
  db: Db,
  j: { fileId: number; albumId: string | null; albumName: string | null; bytesTotal: number; fileChanged: boolean; newFile?: boolean; now: number },
): { jobId: number; created: boolean; status: JobStatus } {
  const albumKey = albumKeyOf(j.albumId !== null ? { albumId: j.albumId } : { albumName: j.albumName ?? '' });
  const existing = j.newFile
    ? undefined
    : (db.prepare('SELECT id, status FROM jobs WHERE file_id = ? AND album_key = ?').get(j.fileId, albumKey) as { id: number; status: JobStatus } | undefined);
  if (existing) {
    const moved = j.fileChanged
      ? applyJobEvent(db, existing.id, { type: 'contentChanged' }, { now: j.now, from: existing.status, patch: FRESH_CONTENT(j.bytesTotal) })
      : existing.status === 'cancelled'
        ? applyJobEvent(
            db,
            existing.id,
            { type: 'addedAgain' },
            { now: j.now, from: existing.status, patch: { errorCode: null, errorMessage: null, attempts: 0, nextAttemptAt: null } },
          )
        : null;
    return { jobId: existing.id, created: false, status: moved ?? existing.status };
  }
  const info = db
    .prepare(
      `INSERT INTO jobs (file_id, album_key, album_id, album_name, status, bytes_total, created_at, updated_at)
       VALUES (?, ?, ?, ?, 'queued', ?, ?, ?)`,
    )
    .run(j.fileId, albumKey, j.albumId, j.albumName, j.bytesTotal, j.now, j.now);
  return { jobId: Number(info.lastInsertRowid), created: true, status: 'queued' };
}

/**
 * The next queued jobs of one kind. The partial indexes (migration 20) walk queued jobs in id
 * order, so a claim never sorts the whole queue.
 */
export const CLAIM_SQL = {
  hash: `SELECT * FROM jobs INDEXED BY jobs_claim_hash WHERE status = 'queued' AND sha1 IS NULL
           AND (next_attempt_at IS NULL OR next_attempt_at <= ?) ORDER BY id LIMIT ?`,
  upload: `SELECT * FROM jobs INDEXED BY jobs_claim_upload WHERE status = 'queued' AND sha1 IS NOT NULL
           AND (next_attempt_at IS NULL OR next_attempt_at <= ?) ORDER BY id LIMIT ?`,
} as const;

/**
 * Claims up to `limit` jobs for one kind of work (`hashClaimed` / `uploadClaimed`) in one
 * transaction, so two workers (or a second process) never take the same job.
 */
export function claimNextJobs(db: Db, kind: 'hash' | 'upload', limit: number, now: number): JobRow[] {
  if (limit <= 0) return [];
  const event: JobEvent = { type: kind === 'hash' ? 'hashClaimed' : 'uploadClaimed' };
  const claim = db.transaction(() => {
    const rows = (db.prepare(CLAIM_SQL[kind]).all(now, limit) as RawJob[]).map(toJobRow);
    return rows.flatMap((row) => {
      const status = applyJobEvent(db, row.id, event, { now, from: row.status });
      return status === null ? [] : [{ ...row, status }];
    });
  });
  return claim();
}

/** Waiting jobs whose time has come go back to the queue (`waitOver`). */
export function releaseDueWaiting(db: Db, now: number): number {
  return applyToMany(db, { type: 'waitOver' }, { now, where: 'next_attempt_at <= @now' }).length;
}

export function nextWaitingAt(db: Db): number | null {
  const row = db.prepare(`SELECT MIN(next_attempt_at) AS at FROM jobs WHERE status IN ('waiting', 'queued') AND next_attempt_at IS NOT NULL`).get() as {
    at: number | null;
  };
  return row.at;
}

/** After a crash (`recovered`): rows caught mid-work go back to the queue; their saved progress says where to resume. */
export function recoverInterrupted(db: Db, now: number): number {
  return applyToMany(db, { type: 'recovered' }, { now }).length;
}

/** A job of the same album that already has (or is getting) this content. */
/** Looked up by content first (jobs_sha1): only the few jobs sharing the sha1 are checked for the album. */
export const TWIN_SQL = `SELECT * FROM jobs INDEXED BY jobs_sha1 WHERE sha1 = @sha1 AND (album_key = @albumKey OR album_id = @albumId)
  AND id != @exceptJobId AND status NOT IN ('failed', 'skipped') ORDER BY id LIMIT 1`;

export function findAlbumTwin(db: Db, album: { albumKey: string; albumId: string | null }, sha1: string, exceptJobId: number): JobRow | null {
  const row = db.prepare(TWIN_SQL).get({ ...album, sha1, exceptJobId }) as RawJob | undefined;
  return row ? toJobRow(row) : null;
}

export function setAlbumForName(db: Db, albumName: string, albumId: string, now: number): void {
  db.prepare(`UPDATE jobs SET album_id = ?, updated_at = ? WHERE album_key = ? AND album_id IS NULL`).run(albumId, now, `name:${albumName}`);
}

export function jobIdsWithStatus(db: Db, statuses: JobStatus[], ids?: number[]): number[] {
  const marks = statuses.map(() => '?').join(', ');
  const filter = ids ? ` AND id IN (SELECT value FROM json_each(?))` : '';
  const args: unknown[] = [...statuses, ...(ids ? [JSON.stringify(ids)] : [])];
  return (db.prepare(`SELECT id FROM jobs WHERE status IN (${marks})${filter}`).all(...args) as { id: number }[]).map((r) => r.id);
}

/** Statuses a cancel takes out of the queue (the machine's moves, not a second list). */
const CANCELLABLE = (): JobStatus[] => movesOf({ type: 'cancel' }).map((m) => m.from);

/**
 * Files below a folder: paths from `folder/` up to (not including) `folder0` — '0' is the character after
 * '/' — which, compared byte by byte as SQLite does, are exactly the paths that start with `folder/`; a
 * range on the path index, so a folder of a large library is counted without reading every file.
 */
const UNDER_FOLDER = `file_id IN (SELECT id FROM files WHERE path >= @prefix AND path < @upper)`;
function folderRange(folder: string): { prefix: string; upper: string } {
  const prefix = folder.endsWith(path.sep) ? folder : folder + path.sep;
  return { prefix, upper: prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1) };
}

/** The cancellable jobs among the files below `folder`: the WHERE clause and its parameters. */
function cancellableUnder(folder: string): { where: string; params: Record<string, unknown> } {
  const statuses = CANCELLABLE();
  const params: Record<string, unknown> = { ...folderRange(folder), ...Object.fromEntries(statuses.map((s, i) => [`s${i}`, s])) };
  return { where: `status IN (${statuses.map((_, i) => `@s${i}`).join(', ')}) AND ${UNDER_FOLDER}`, params };
}

/** The jobs a cancel would take out of the queue among the files below `folder`. */
export function cancellableJobIdsUnder(db: Db, folder: string): number[] {
  const q = cancellableUnder(folder);
  return (db.prepare(`SELECT id FROM jobs WHERE ${q.where}`).all(q.params) as { id: number }[]).map((r) => r.id);
}

/** How many jobs below `folder` a cancel would take out of the queue (a watched folder's Cancel is enabled by it). */
export function countCancellableUnder(db: Db, folder: string): number {
  const q = cancellableUnder(folder);
  return (db.prepare(`SELECT count(*) AS n FROM jobs WHERE ${q.where}`).get(q.params) as { n: number }).n;
}

/**
 * Whether any of the jobs (or any job at all) is in one of the statuses; stops at the first. The
 * jobs in those statuses are walked by the status index and looked up in `ids`: handing SQLite the
 * whole list (json_each) made every check of a 100,000-photo run parse and search all its ids.
 */
export function anyJobWithStatus(db: Db, statuses: JobStatus[], ids?: ReadonlySet<number>): boolean {
  const marks = statuses.map(() => '?').join(', ');
  const rows = db
    .prepare(`SELECT id FROM jobs WHERE status IN (${marks})`)
    .pluck()
    .iterate(...statuses) as IterableIterator<number>;
  for (const id of rows) {
    if (!ids || ids.has(id)) {
      rows.return?.();
      return true;
    }
  }
  return false;
}

export function jobsWithPendingEdits(db: Db): JobRow[] {
  return (db.prepare(`SELECT * FROM jobs WHERE pending_edit IS NOT NULL AND image_id IS NOT NULL`).all() as RawJob[]).map(toJobRow);
}
