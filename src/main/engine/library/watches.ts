/** SQL for `watches`: folders watched across restarts. */
import type { AfterUpload, UploadTarget } from '../../../shared/api';
import type { Db } from './db';

export interface WatchRow {
  id: number;
  path: string;
  target: UploadTarget;
  afterUpload: AfterUpload;
}

interface RawWatch {
  id: number;
  path: string;
  album_id: string | null;
  album_from_folder: number;
  after_upload: string | null;
}

const toRow = (r: RawWatch): WatchRow => ({
  id: r.id,
  path: r.path,
  target: r.album_from_folder ? { albumFromFolder: true } : { albumId: r.album_id ?? '' },
  afterUpload: r.after_upload ? (JSON.parse(r.after_upload) as AfterUpload) : { action: 'keep' },
});

export function listWatchRows(db: Db): WatchRow[] {
  return (db.prepare('SELECT * FROM watches ORDER BY id').all() as RawWatch[]).map(toRow);
}

export function addWatchRow(db: Db, path: string, target: UploadTarget, now: number, afterUpload: AfterUpload = { action: 'keep' }): WatchRow {
  const albumId = 'albumId' in target ? target.albumId : null;
  const after = afterUpload.action === 'keep' ? null : JSON.stringify(afterUpload);
  db.prepare(
    `INSERT INTO watches (path, album_id, album_from_folder, created_at, after_upload) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT(path) DO UPDATE SET album_id = excluded.album_id, album_from_folder = excluded.album_from_folder, after_upload = excluded.after_upload`,
  ).run(path, albumId, albumId === null ? 1 : 0, now, after);
  return toRow(db.prepare('SELECT * FROM watches WHERE path = ?').get(path) as RawWatch);
}

export function removeWatchRow(db: Db, id: number): boolean {
  return db.prepare('DELETE FROM watches WHERE id = ?').run(id).changes > 0;
}
