/** SQL for `replacements`: which album photo a re-exported file's job replaces (contract §1 --on-change). */
import type { Db } from './db';
import { albumKeyOf } from './jobs';

/** The album photo of a file's finished job for this album, before a changed file restarts it. */
export function finishedImageOf(db: Db, fileId: number, album: { albumId: string | null; albumName: string | null }): string | null {
  const albumKey = albumKeyOf(album.albumId !== null ? { albumId: album.albumId } : { albumName: album.albumName ?? '' });
  const row = db.prepare(`SELECT image_id FROM jobs WHERE file_id = ? AND album_key = ? AND status = 'done' AND image_id IS NOT NULL`).get(fileId, albumKey) as
    | { image_id: string }
    | undefined;
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
