/**
 * SQL for `jobs`: one row per (file, album). The row holds everything resuming needs:
 * upload_id + bytes_confirmed (chunked upload), the Cloudinary response once received, and
 * register_attempts (> 0 means a registration may have reached the backend, so ask first).
 */
import type { ErrorView } from '../../../shared/errors';
import type { JobQuery, JobView } from '../../../shared/api';
import { JOB_STATUSES, type JobStatus } from '../../../shared/job';
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
  pendingEdit: { title?: string; description?: string } | null;
  title: string | null;
  description: string | null;
  bytesResent: number;
  updatedAt: number;
}

const COLUMNS: Record<string, string> = {
  albumId: 'album_id',
  albumName: 'album_name',
  status: 'status',
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
  bytesResent: 'bytes_resent',
};
const JSON_FIELDS = new Set(['cloudinaryResponse', 'pendingEdit']);

type RawJob = Record<string, unknown>;

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
    bytesResent: r.bytes_resent as number,
    updatedAt: r.updated_at as number,
  };
}

export type JobPatch = Partial<Omit<JobRow, 'id' | 'fileId' | 'albumKey' | 'updatedAt'>>;

export function updateJob(db: Db, id: number, patch: JobPatch, now: number): void {
  const sets: string[] = ['updated_at = @now'];
  const params: Record<string, unknown> = { id, now };
  for (const [key, value] of Object.entries(patch)) {
    const column = COLUMNS[key];
    if (!column) throw new Error(`updateJob: unknown field ${key}`);
    sets.push(`${column} = @${key}`);
    params[key] = JSON_FIELDS.has(key) && value !== null && value !== undefined ? JSON.stringify(value) : (value ?? null);
  }
  db.prepare(`UPDATE jobs SET ${sets.join(', ')} WHERE id = @id`).run(params);
}

export function getJob(db: Db, id: number): JobRow | null {
  const row = db.prepare('SELECT * FROM jobs WHERE id = ?').get(id) as RawJob | undefined;
  return row ? toJobRow(row) : null;
}

export function albumKeyOf(target: { albumId?: string; albumName?: string }): string {
  return target.albumId !== undefined ? `id:${target.albumId}` : `name:${target.albumName}`;
}

/**
 * Creates the job for (file, album) unless it exists; a changed file restarts its finished job.
 * `newFile`: the file was recorded just now, so it has no job to look up.
 */
export function ensureJob(
  db: Db,
  j: { fileId: number; albumId: string | null; albumName: string | null; bytesTotal: number; fileChanged: boolean; newFile?: boolean; now: number },
): { jobId: number; created: boolean; status: JobStatus } {
  const albumKey = albumKeyOf(j.albumId !== null ? { albumId: j.albumId } : { albumName: j.albumName ?? '' });
  const existing = j.newFile ? undefined : db.prepare('SELECT id, status FROM jobs WHERE file_id = ? AND album_key = ?').get(j.fileId, albumKey) as
    | { id: number; status: JobStatus }
    | undefined;
  if (existing) {
    if (j.fileChanged && existing.status !== 'uploading' && existing.status !== 'registering') {
      // New content at the same path: a new photo for the album.
      db.prepare(
        `UPDATE jobs SET status = 'queued', sha1 = NULL, public_id = NULL, upload_id = NULL, bytes_confirmed = 0,
           cloudinary_response = NULL, register_attempts = 0, image_id = NULL, error_code = NULL, error_message = NULL,
           attempts = 0, next_attempt_at = NULL, bytes_total = @bytesTotal, updated_at = @now WHERE id = @id`,
      ).run({ id: existing.id, bytesTotal: j.bytesTotal, now: j.now });
      return { jobId: existing.id, created: false, status: 'queued' };
    }
    return { jobId: existing.id, created: false, status: existing.status };
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
 * Claims up to `limit` jobs for one kind of work and marks them active in the same
 * transaction, so two workers (or a second process) never take the same job.
 */
export function claimNextJobs(db: Db, kind: 'hash' | 'upload', limit: number, now: number): JobRow[] {
  if (limit <= 0) return [];
  const claim = db.transaction(() => {
    const rows = db.prepare(CLAIM_SQL[kind]).all(now, limit) as RawJob[];
    const next = kind === 'hash' ? 'hashing' : 'uploading';
    const mark = db.prepare('UPDATE jobs SET status = ?, updated_at = ? WHERE id = ?');
    for (const row of rows) mark.run(next, now, row.id);
    return rows.map((r) => ({ ...toJobRow(r), status: next as JobStatus }));
  });
  return claim();
}

/** Waiting jobs whose time has come go back to the queue. */
export function releaseDueWaiting(db: Db, now: number): number {
  return db.prepare(`UPDATE jobs SET status = 'queued', updated_at = ? WHERE status = 'waiting' AND next_attempt_at <= ?`).run(now, now).changes;
}

export function nextWaitingAt(db: Db): number | null {
  const row = db.prepare(`SELECT MIN(next_attempt_at) AS at FROM jobs WHERE status IN ('waiting', 'queued') AND next_attempt_at IS NOT NULL`).get() as { at: number | null };
  return row.at;
}

/** After a crash: rows caught mid-work go back to the queue; their saved progress says where to resume. */
export function recoverInterrupted(db: Db, now: number): number {
  return db.prepare(`UPDATE jobs SET status = 'queued', updated_at = ? WHERE status IN ('hashing', 'uploading', 'registering')`).run(now).changes;
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

const FILTERS: Record<NonNullable<JobQuery['filter']>, string> = {
  all: '1 = 1',
  active: `j.status IN ('queued', 'hashing', 'uploading', 'registering', 'waiting', 'paused')`,
  failed: `j.status = 'failed'`,
  done: `j.status IN ('done', 'skipped')`,
};

const VIEW_SELECT = `SELECT j.*, f.path AS f_path, f.relative_path AS f_relative_path FROM jobs j JOIN files f ON f.id = j.file_id`;

export function toJobView(r: RawJob, inFlight = 0): JobView {
  const job = toJobRow(r);
  const path = r.f_path as string;
  const done = job.status === 'done' || job.status === 'skipped' || job.status === 'registering';
  return {
    id: job.id,
    fileId: job.fileId,
    path,
    relativePath: r.f_relative_path as string,
    filename: path.split(/[\\/]/).pop() ?? path,
    albumId: job.albumId,
    status: job.status,
    bytesTotal: job.bytesTotal,
    bytesDone: done ? job.bytesTotal : Math.min(job.bytesTotal, Math.max(job.bytesConfirmed, inFlight)),
    error: job.errorCode ? ({ code: job.errorCode, message: job.errorMessage ?? '' } as ErrorView) : null,
    attempts: job.attempts,
    nextAttemptAt: job.nextAttemptAt,
    publicId: job.publicId,
    imageId: job.imageId,
    updatedAt: job.updatedAt,
  };
}

export function getJobView(db: Db, id: number, inFlight = 0): JobView | null {
  const row = db.prepare(`${VIEW_SELECT} WHERE j.id = ?`).get(id) as RawJob | undefined;
  return row ? toJobView(row, inFlight) : null;
}

export function listJobViews(db: Db, q: JobQuery, inFlight: (id: number) => number): { total: number; jobs: JobView[] } {
  const where = [FILTERS[q.filter ?? 'all']];
  const params: Record<string, unknown> = { limit: q.limit ?? 200, offset: q.offset ?? 0 };
  if (q.albumId) {
    where.push('j.album_id = @albumId');
    params.albumId = q.albumId;
  }
  const clause = where.join(' AND ');
  const total = (db.prepare(`SELECT COUNT(*) AS n FROM jobs j WHERE ${clause}`).get(params) as { n: number }).n;
  const rows = db.prepare(`${VIEW_SELECT} WHERE ${clause} ORDER BY j.id LIMIT @limit OFFSET @offset`).all(params) as RawJob[];
  return { total, jobs: rows.map((r) => toJobView(r, inFlight(r.id as number))) };
}

export interface StatusCounts {
  byStatus: Record<JobStatus, number>;
  total: number;
  bytesTotal: number;
  bytesConfirmed: number;
}

export function countByStatus(db: Db, jobIds?: number[]): StatusCounts {
  const byStatus = Object.fromEntries(JOB_STATUSES.map((s) => [s, 0])) as Record<JobStatus, number>;
  const filter = jobIds ? `WHERE id IN (SELECT value FROM json_each(?))` : '';
  const args = jobIds ? [JSON.stringify(jobIds)] : [];
  const rows = db
    .prepare(
      `SELECT status, COUNT(*) AS n, SUM(bytes_total) AS total,
         SUM(CASE WHEN status IN ('done', 'skipped', 'registering') THEN bytes_total ELSE bytes_confirmed END) AS confirmed
       FROM jobs ${filter} GROUP BY status`,
    )
    .all(...args) as { status: JobStatus; n: number; total: number; confirmed: number }[];
  let total = 0;
  let bytesTotal = 0;
  let bytesConfirmed = 0;
  for (const r of rows) {
    byStatus[r.status] = r.n;
    total += r.n;
    // A failed file is settled: it leaves the byte totals, so the overall bar can reach 100 %.
    if (r.status === 'failed') continue;
    bytesTotal += r.total ?? 0;
    bytesConfirmed += r.confirmed ?? 0;
  }
  return { byStatus, total, bytesTotal, bytesConfirmed };
}

export function jobIdsWithStatus(db: Db, statuses: JobStatus[], ids?: number[]): number[] {
  const marks = statuses.map(() => '?').join(', ');
  const filter = ids ? ` AND id IN (SELECT value FROM json_each(?))` : '';
  const args: unknown[] = [...statuses, ...(ids ? [JSON.stringify(ids)] : [])];
  return (db.prepare(`SELECT id FROM jobs WHERE status IN (${marks})${filter}`).all(...args) as { id: number }[]).map((r) => r.id);
}

/** Whether any of the jobs (or any job at all) is in one of the statuses; stops at the first. */
export function anyJobWithStatus(db: Db, statuses: JobStatus[], ids?: number[]): boolean {
  const marks = statuses.map(() => '?').join(', ');
  const filter = ids ? ` AND id IN (SELECT value FROM json_each(?))` : '';
  const args: unknown[] = [...statuses, ...(ids ? [JSON.stringify(ids)] : [])];
  return db.prepare(`SELECT 1 FROM jobs WHERE status IN (${marks})${filter} LIMIT 1`).get(...args) !== undefined;
}

export function jobsWithPendingEdits(db: Db): JobRow[] {
  return (db.prepare(`SELECT * FROM jobs WHERE pending_edit IS NOT NULL AND image_id IS NOT NULL`).all() as RawJob[]).map(toJobRow);
}
