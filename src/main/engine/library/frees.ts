/**
 * SQL for `frees`: what --after-upload is to do with a job's file once its photo is verified in the album.
 * A row is written when the file is queued (`waiting`); `acting` with the chosen destinations is saved
 * before anything is moved or deleted, so a kill mid-action is finished at the next start; then `freed`,
 * `kept` (the file changed or could not be verified: left where it is, with why) or `gone` (no longer there).
 */
import type { AfterUpload } from '../../../shared/api';
import type { Db } from './db';

export type FreeState = 'waiting' | 'acting' | 'freed' | 'kept' | 'gone';

/** Where each file of the job goes (`to` null: deleted) and the SHA-1 it was verified with, by source path. */
export type FreeTargets = Record<string, { to: string | null; sha1: string }>;

export interface FreeRow {
  jobId: number;
  action: 'move' | 'delete';
  destDir: string | null;
  state: FreeState;
  targets: FreeTargets | null;
  note: string | null;
}

interface RawFree {
  job_id: number;
  action: 'move' | 'delete';
  dest_dir: string | null;
  state: FreeState;
  targets: string | null;
  note: string | null;
}

const toRow = (r: RawFree): FreeRow => ({
  jobId: r.job_id,
  action: r.action,
  destDir: r.dest_dir,
  state: r.state,
  targets: r.targets ? (JSON.parse(r.targets) as FreeTargets) : null,
  note: r.note,
});

/**
 * Records (or withdraws, with `keep`) the action for a queued job. A row already acting is left alone:
 * an action under way is always finished. A row kept or gone is planned again: new content at the path is a new upload.
 */
export function planFree(db: Db, jobId: number, after: AfterUpload, now: number): void {
  if (after.action === 'keep') {
    db.prepare(`DELETE FROM frees WHERE job_id = ? AND state = 'waiting'`).run(jobId);
    return;
  }
  db.prepare(
    `INSERT INTO frees (job_id, action, dest_dir, state, updated_at) VALUES (?, ?, ?, 'waiting', ?)
     ON CONFLICT (job_id) DO UPDATE SET action = excluded.action, dest_dir = excluded.dest_dir, state = 'waiting', note = NULL, targets = NULL,
       updated_at = excluded.updated_at
     WHERE frees.state IN ('waiting', 'kept', 'gone')`,
  ).run(jobId, after.action, after.action === 'move' ? after.dir : null, now);
}

export function getFree(db: Db, jobId: number): FreeRow | null {
  const row = db.prepare('SELECT * FROM frees WHERE job_id = ?').get(jobId) as RawFree | undefined;
  return row ? toRow(row) : null;
}

/** Open actions whose job reached the album (done, or already there), in queue order. */
export function dueFrees(db: Db, limit = 500): number[] {
  const rows = db
    .prepare(
      `SELECT f.job_id FROM frees f INDEXED BY frees_open JOIN jobs j ON j.id = f.job_id
       WHERE f.state IN ('waiting', 'acting') AND j.status IN ('done', 'skipped') ORDER BY f.job_id LIMIT ?`,
    )
    .all(limit) as { job_id: number }[];
  return rows.map((r) => r.job_id);
}

/** Open actions whose job has not reached the album (yet): failed, cancelled, still queued. */
export function openFreeCount(db: Db): number {
  return (db.prepare(`SELECT COUNT(*) AS n FROM frees WHERE state IN ('waiting', 'acting')`).get() as { n: number }).n;
}

export function setFreeState(db: Db, jobId: number, state: FreeState, o: { now: number; targets?: FreeTargets; note?: string | null }): void {
  db.prepare(
    `UPDATE frees SET state = @state, updated_at = @now, targets = COALESCE(@targets, targets), note = COALESCE(@note, note) WHERE job_id = @jobId`,
  ).run({ jobId, state, now: o.now, targets: o.targets ? JSON.stringify(o.targets) : null, note: o.note ?? null });
}
