/**
 * SQL for `assets`: what Cloudinary already holds, so the same content is never sent twice.
 * The whole upload answer (several KB with image_metadata) is kept only until the photo is
 * registered; then the row goes: the done job says which album holds the content, and that
 * album's record carries the answer field for field (`infos`) should it go to another album later.
 */
import type { Db } from './db';

export function getAsset(db: Db, publicId: string): Record<string, unknown> | null {
  const row = db.prepare('SELECT response FROM assets WHERE public_id = ?').get(publicId) as { response: string } | undefined;
  return row ? (JSON.parse(row.response) as Record<string, unknown>) : null;
}

export function putAsset(db: Db, a: { publicId: string; sha1: string; response: Record<string, unknown>; now: number }): void {
  db.prepare(
    `INSERT INTO assets (public_id, sha1, response, created_at) VALUES (@publicId, @sha1, @response, @now)
     ON CONFLICT(public_id) DO UPDATE SET response = excluded.response`,
  ).run({ ...a, response: JSON.stringify(a.response) });
}

/** Registered: the answer now lives in the album's record, and the done job says which album. */
export function dropRegisteredAsset(db: Db, publicId: string): void {
  db.prepare('DELETE FROM assets WHERE public_id = ?').run(publicId);
}

/**
 * An album where this content is registered (a done job), or null. By the sha1 index: left to
 * itself the planner took the status index and walked every done job, once per photo sent.
 */
export function albumHoldingContent(db: Db, sha1: string): string | null {
  const row = db.prepare("SELECT album_id FROM jobs INDEXED BY jobs_sha1 WHERE sha1 = ? AND status = 'done' AND album_id IS NOT NULL LIMIT 1").get(sha1) as
    { album_id: string } | undefined;
  return row?.album_id ?? null;
}
