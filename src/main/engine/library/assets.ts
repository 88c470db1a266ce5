/** SQL for `assets`: what Cloudinary already holds, so the same content is never sent twice. */
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
