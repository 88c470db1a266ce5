/**
 * SQL for `album_contents` / `album_syncs`: what each album on the backend held when last asked,
 * by Cloudinary public_id, so a photo already there is not sent again.
 */
import type { Db } from './db';

export type AlbumSyncMode = 'listing' | 'per-photo';

export interface AlbumSync {
  mode: AlbumSyncMode;
  fetchedAt: number;
}

export function albumSync(db: Db, albumId: string): AlbumSync | null {
  const row = db.prepare('SELECT mode, fetched_at FROM album_syncs WHERE album_id = ?').get(albumId) as { mode: AlbumSyncMode; fetched_at: number } | undefined;
  return row ? { mode: row.mode, fetchedAt: row.fetched_at } : null;
}

/** Replaces what is known of the album by what the backend just said, in one transaction. */
export function replaceAlbumContents(db: Db, albumId: string, mode: AlbumSyncMode, entries: { publicId: string; imageId: string }[], now: number): void {
  const put = db.prepare('INSERT OR REPLACE INTO album_contents (album_id, public_id, image_id) VALUES (?, ?, ?)');
  db.transaction(() => {
    db.prepare('DELETE FROM album_contents WHERE album_id = ?').run(albumId);
    for (const e of entries) put.run(albumId, e.publicId, e.imageId);
    db.prepare(
      `INSERT INTO album_syncs (album_id, mode, fetched_at) VALUES (?, ?, ?)
       ON CONFLICT(album_id) DO UPDATE SET mode = excluded.mode, fetched_at = excluded.fetched_at`,
    ).run(albumId, mode, now);
  })();
}

export function rememberInAlbum(db: Db, albumId: string, publicId: string, imageId: string): void {
  db.prepare('INSERT OR REPLACE INTO album_contents (album_id, public_id, image_id) VALUES (?, ?, ?)').run(albumId, publicId, imageId);
}

export function forgetInAlbum(db: Db, albumId: string, publicId: string): void {
  db.prepare('DELETE FROM album_contents WHERE album_id = ? AND public_id = ?').run(albumId, publicId);
}

/** The record id of this content in the album, as last known. */
export function knownImageId(db: Db, albumId: string, publicId: string): string | null {
  const row = db.prepare('SELECT image_id FROM album_contents WHERE album_id = ? AND public_id = ?').get(albumId, publicId) as { image_id: string } | undefined;
  return row?.image_id ?? null;
}

/** Photos of this album still to be sent in this library (the run's work for it). */
export function unsettledJobsForAlbum(db: Db, albumId: string): number {
  const row = db
    .prepare(`SELECT COUNT(*) AS n FROM jobs WHERE album_id = ? AND status IN ('queued', 'hashing', 'uploading', 'registering', 'waiting')`)
    .get(albumId) as { n: number };
  return row.n;
}
