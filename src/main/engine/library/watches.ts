/** SQL for `watches`: folders watched across restarts, with their target and options. */
import type { FolderRules, UploadTarget } from '../../../shared/api';
import type { Db } from './db';

export interface WatchRow {
  id: number;
  path: string;
  target: UploadTarget;
  rules: FolderRules;
}

interface RawWatch {
  id: number;
  path: string;
  album_id: string | null;
  album_from_folder: number;
  album_mode: 'root' | 'leaf' | 'path' | null;
  rules: string | null;
}

/** A row written by this version or an older one (no mode, no rules: the defaults). */
function rulesOf(text: string | null): FolderRules {
  if (!text) return {};
  try {
    const parsed = JSON.parse(text) as unknown;
    return typeof parsed === 'object' && parsed !== null ? (parsed as FolderRules) : {};
  } catch {
    return {};
  }
}

const toRow = (r: RawWatch): WatchRow => ({
  id: r.id,
  path: r.path,
  target: r.album_from_folder ? { albumFromFolder: true, ...(r.album_mode ? { mode: r.album_mode } : {}) } : { albumId: r.album_id ?? '' },
  rules: rulesOf(r.rules),
});

export function listWatchRows(db: Db): WatchRow[] {
  return (db.prepare('SELECT * FROM watches ORDER BY id').all() as RawWatch[]).map(toRow);
}

/** Adds a folder, or gives an already watched one the new target and options. */
export function addWatchRow(db: Db, path: string, target: UploadTarget, now: number, rules: FolderRules = {}): WatchRow {
  const albumId = 'albumId' in target ? target.albumId : null;
  const mode = 'mode' in target ? (target.mode ?? null) : null;
  db.prepare(
    `INSERT INTO watches (path, album_id, album_from_folder, album_mode, rules, created_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT(path) DO UPDATE SET album_id = excluded.album_id, album_from_folder = excluded.album_from_folder,
       album_mode = excluded.album_mode, rules = excluded.rules`,
  ).run(path, albumId, albumId === null ? 1 : 0, mode, JSON.stringify(rules), now);
  return toRow(db.prepare('SELECT * FROM watches WHERE path = ?').get(path) as RawWatch);
}

export function removeWatchRow(db: Db, id: number): boolean {
  return db.prepare('DELETE FROM watches WHERE id = ?').run(id).changes > 0;
}
