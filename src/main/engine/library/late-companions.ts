/**
 * SQL for `late_companions`: a RAW or clip that arrived after its photo was registered (the JPEGs copied
 * first, the RAWs later). Its job goes back to the queue (`companionFound`) with the album photo to link the
 * companion to; the row is dropped once that album photo names it.
 */
import type { Db } from './db';
import { applyJobEvent } from './jobs';

/** A registered job whose file gained a companion: queued again to send it, or null when the job is not registered. */
export function reopenForLateCompanion(db: Db, jobId: number, now: number): 'queued' | null {
  const job = db.prepare(`SELECT status, image_id FROM jobs WHERE id = ?`).get(jobId) as { status: 'done'; image_id: string | null } | undefined;
  if (!job?.image_id || job.status !== 'done') return null;
  const moved = applyJobEvent(db, jobId, { type: 'companionFound' }, { now, from: job.status });
  if (moved !== 'queued') return null;
  setLateCompanion(db, jobId, job.image_id);
  return moved;
}

/** The album photo a queued job is to link its late companions to, or null for an ordinary upload. */
export function lateCompanionTarget(db: Db, jobId: number): string | null {
  return (db.prepare('SELECT image_id FROM late_companions WHERE job_id = ?').get(jobId) as { image_id: string } | undefined)?.image_id ?? null;
}

export function clearLateCompanion(db: Db, jobId: number): void {
  db.prepare('DELETE FROM late_companions WHERE job_id = ?').run(jobId);
}

/** A job found in its album without its RAW or clip: it sends them and links them to that photo (its view says `link`). */
export function setLateCompanion(db: Db, jobId: number, imageId: string): void {
  db.prepare('INSERT INTO late_companions (job_id, image_id) VALUES (?, ?) ON CONFLICT(job_id) DO UPDATE SET image_id = excluded.image_id').run(jobId, imageId);
}
