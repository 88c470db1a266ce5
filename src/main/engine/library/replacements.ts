/** SQL for `replacements`: which album photo a re-exported file's job replaces (contract §1 --on-change). */
import type { Db } from './db';
import { albumKeyOf } from './jobs';

/** The album photo of a file's finished job for this album, before a changed file restarts it. */
export function finishedImageOf(db: Db, fileId: number, album: { albumId: string | null; albumName: string | null }): string | null {
  const albumKey = albumKeyOf(album.albumId !== null ? { albumId: album.albumId } : { albumName: album.albumName ?? '' });
  const row = db.prepare(`SELECT image_id FROM jobs WHERE file_id = ? AND album_key = ? AND status = 'done' AND image_id IS NOT NULL`).get(fileId, albumKey) as
    { image_id: string } | undefined;
  return row?.image_id ?? null;
}

export function setReplacement(db: Db, jobId: number, imageId: string): void {
  db.prepare('INSERT INTO replacements (job_id, image_id) VALUES (?, ?) ON CONFLICT(job_id) DO UPDATE SET image_id = excluded.image_id').run(jobId, imageId);
}

export function replacementOf(db: Db, jobId: number): string | null {
  return (db.prepare('SELECT image_id FROM replacements WHERE job_id = ?').get(jobId) as { image_id: string } | undefined)?.image_id ?? null;
}

export function clearReplacement(db: Db, jobId: number): void {
  db.prepare('DELETE FROM replacements WHERE job_id = ?').run(jobId);
}

/** What the library knows of a path's finished upload to an album: the photo and the size/mtime it had. */
export function finishedUploadAt(
  db: Db,
  path: string,
  album: { albumId: string | null; albumName: string | null },
): { imageId: string; size: number; mtimeMs: number } | null {
  const albumKey = albumKeyOf(album.albumId !== null ? { albumId: album.albumId } : { albumName: album.albumName ?? '' });
  const row = db
    .prepare(
      `SELECT jobs.image_id, files.size, files.mtime_ms FROM files JOIN jobs ON jobs.file_id = files.id
              WHERE files.path = ? AND jobs.album_key = ? AND jobs.status = 'done' AND jobs.image_id IS NOT NULL`,
    )
    .get(path, albumKey) as { image_id: string; size: number; mtime_ms: number } | undefined;
  return row ? { imageId: row.image_id, size: row.size, mtimeMs: row.mtime_ms } : null;
}
