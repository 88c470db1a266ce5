/**
 * What the queue views show: one job as the UI sees it, a page of them, and the counts per status.
 * Reads only; the status is written by `applyJobEvent` (jobs.ts).
 */
import type { ErrorView } from '../../../shared/errors';
import type { JobQuery, JobView } from '../../../shared/api';
import { JOB_STATUSES, type JobStatus } from '../../../shared/job';
import type { Db } from './db';
import type { RawJob } from './jobs';

const FILTERS: Record<NonNullable<JobQuery['filter']>, string> = {
  all: '1 = 1',
  active: `j.status IN ('queued', 'hashing', 'uploading', 'registering', 'waiting', 'paused')`,
  failed: `j.status = 'failed'`,
  done: `j.status IN ('done', 'skipped', 'cancelled', 'replaced')`,
};

// A pair's RAW and a Live Photo's clip come along, so the queue shows a pair as one photo with its badge.
// Only the columns a view shows: not the Cloudinary answer a job holds until it is registered (kilobytes of JSON).
const VIEW_SELECT = `SELECT j.id, j.file_id, j.album_id, j.status, j.bytes_total, j.bytes_confirmed, j.error_code, j.error_message,
    j.attempts, j.next_attempt_at, j.public_id, j.image_id, j.updated_at, f.path AS f_path, f.relative_path AS f_relative_path,
    (SELECT c.path FROM companions c WHERE c.file_id = j.file_id AND c.kind = 'raw') AS c_raw,
    (SELECT c.path FROM companions c WHERE c.file_id = j.file_id AND c.kind = 'motion') AS c_motion,
    EXISTS (SELECT 1 FROM replacements r WHERE r.job_id = j.id) AS w_replaces,
    EXISTS (SELECT 1 FROM late_companions l WHERE l.job_id = j.id) AS w_links
  FROM jobs j JOIN files f ON f.id = j.file_id`;

function pairOf(r: RawJob): JobView['pair'] {
  const raw = r.c_raw as string | null;
  const motion = r.c_motion as string | null;
  if (!raw && !motion) return undefined;
  return { ...(raw ? { raw } : {}), ...(motion ? { motion } : {}) };
}

/** A job that is not a plain upload: a re-export replacing its album photo, or a late RAW/clip to link to it. */
function workOf(r: RawJob): JobView['work'] {
  if (r.w_links) return 'link';
  if (r.w_replaces) return 'replace';
  return undefined;
}

/** A view from a VIEW_SELECT row (its columns read as they are: no JSON field of the job is parsed). */
export function toJobView(r: RawJob, inFlight = 0): JobView {
  const path = r.f_path as string;
  const status = r.status as JobStatus;
  const bytesTotal = r.bytes_total as number;
  const done = status === 'done' || status === 'skipped' || status === 'replaced' || status === 'registering';
  const errorCode = r.error_code as string | null;
  return {
    id: r.id as number,
    fileId: r.file_id as number,
    path,
    relativePath: r.f_relative_path as string,
    filename: path.split(/[\\/]/).pop() ?? path,
    albumId: r.album_id as string | null,
    status,
    bytesTotal,
    bytesDone: done ? bytesTotal : Math.min(bytesTotal, Math.max(r.bytes_confirmed as number, inFlight)),
    error: errorCode ? ({ code: errorCode, message: (r.error_message as string | null) ?? '' } as ErrorView) : null,
    attempts: r.attempts as number,
    nextAttemptAt: r.next_attempt_at as number | null,
    publicId: r.public_id as string | null,
    imageId: r.image_id as string | null,
    updatedAt: r.updated_at as number,
    ...(pairOf(r) ? { pair: pairOf(r) } : {}),
    ...(workOf(r) ? { work: workOf(r) } : {}),
  };
}

export function getJobView(db: Db, id: number, inFlight = 0): JobView | null {
  const row = db.prepare(`${VIEW_SELECT} WHERE j.id = ?`).get(id) as RawJob | undefined;
  return row ? toJobView(row, inFlight) : null;
}

/** Ids per question: json_each takes any number, but one statement's answer stays a bounded array. */
const IDS_PER_QUERY = 10_000;

/** The views of these jobs (unknown ids are left out), read by id: a run follows its own jobs, not the whole library. */
export function getJobViews(db: Db, ids: number[], inFlight: (id: number) => number): JobView[] {
  const statement = db.prepare(`${VIEW_SELECT} WHERE j.id IN (SELECT value FROM json_each(?)) ORDER BY j.id`);
  const views: JobView[] = [];
  for (let at = 0; at < ids.length; at += IDS_PER_QUERY) {
    const rows = statement.all(JSON.stringify(ids.slice(at, at + IDS_PER_QUERY))) as RawJob[];
    for (const row of rows) views.push(toJobView(row, inFlight(row.id as number)));
  }
  return views;
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
         SUM(CASE WHEN status IN ('done', 'skipped', 'replaced', 'registering') THEN bytes_total ELSE bytes_confirmed END) AS confirmed
       FROM jobs ${filter} GROUP BY status`,
    )
    .all(...args) as { status: JobStatus; n: number; total: number; confirmed: number }[];
  // A pair's RAW and a Live Photo's clip are sent with their photo: their bytes count with its job's (few rows).
  const companionRows = db
    .prepare(
      `SELECT j.status AS status, SUM(c.size) AS total,
         SUM(CASE WHEN j.status IN ('done', 'skipped', 'replaced', 'registering') THEN c.size ELSE c.bytes_confirmed END) AS confirmed
       FROM companions c JOIN jobs j ON j.file_id = c.file_id ${jobIds ? 'WHERE j.id IN (SELECT value FROM json_each(?))' : ''} GROUP BY j.status`,
    )
    .all(...args) as { status: JobStatus; total: number; confirmed: number }[];
  let total = 0;
  let bytesTotal = 0;
  let bytesConfirmed = 0;
  for (const r of companionRows) {
    if (r.status === 'failed' || r.status === 'cancelled') continue;
    bytesTotal += r.total ?? 0;
    bytesConfirmed += r.confirmed ?? 0;
  }
  for (const r of rows) {
    byStatus[r.status] = r.n;
    total += r.n;
    // A failed or cancelled file is settled unsent: it leaves the byte totals, so the overall bar can reach 100 %.
    if (r.status === 'failed' || r.status === 'cancelled') continue;
    bytesTotal += r.total ?? 0;
    bytesConfirmed += r.confirmed ?? 0;
  }
  return { byStatus, total, bytesTotal, bytesConfirmed };
}
