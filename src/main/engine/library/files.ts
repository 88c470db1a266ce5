/** SQL for `files`: one row per local path, with what the scan learned about it. */
import type { Metadatas } from '../../../shared/metadata';
import type { Db } from './db';
import { packMetadatas, unpackMetadatas } from './stored-metadatas';

export interface FileRow {
  id: number;
  path: string;
  root: string;
  relativePath: string;
  size: number;
  mtimeMs: number;
  sha1: string | null;
  mimeType: string | null;
  metadatas: Metadatas | null;
}

interface RawFile {
  id: number;
  path: string;
  root: string;
  relative_path: string;
  size: number;
  mtime_ms: number;
  sha1: string | null;
  mime_type: string | null;
  metadatas: string | null;
}

export function toFileRow(r: RawFile): FileRow {
  return {
    id: r.id,
    path: r.path,
    root: r.root,
    relativePath: r.relative_path,
    size: r.size,
    mtimeMs: r.mtime_ms,
    sha1: r.sha1,
    mimeType: r.mime_type,
    metadatas: r.metadatas ? unpackMetadatas(r.metadatas, { relativePath: r.relative_path, sha1: r.sha1, size: r.size, mimeType: r.mime_type }) : null,
  };
}

/**
 * Records a found file. When size or mtime differ from what we knew, the file is new content:
 * its hash and metadata are cleared so they are read again. Returns whether it changed, and
 * whether it was not known at all (then it has no job yet).
 */
/**
 * Records a found file. `keepIfChanged` is asked about a known file whose size or mtime changed: true leaves its row
 * as it was (what was uploaded stays what the library knows), so a re-export skipped now is still a re-export later.
 */
export function upsertFile(
  db: Db,
  f: { path: string; root: string; relativePath: string; size: number; mtimeMs: number; now: number },
  keepIfChanged?: (fileId: number) => boolean,
): { fileId: number; changed: boolean; created: boolean; kept?: true } {
  const mtime = Math.floor(f.mtimeMs);
  // Insert first: a first scan (every file new) costs one statement per file instead of a lookup and an insert.
  const inserted = db
    .prepare(
      `INSERT INTO files (path, root, relative_path, size, mtime_ms, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (path) DO NOTHING`,
    )
    .run(f.path, f.root, f.relativePath, f.size, mtime, f.now, f.now);
  if (inserted.changes === 1) return { fileId: Number(inserted.lastInsertRowid), changed: true, created: true };
  const existing = db.prepare('SELECT id, size, mtime_ms, root, relative_path FROM files WHERE path = ?').get(f.path) as {
    id: number;
    size: number;
    mtime_ms: number;
    root: string;
    relative_path: string;
  };
  const changed = existing.size !== f.size || existing.mtime_ms !== mtime;
  // A rescan of a known, unchanged file writes nothing.
  if (!changed && existing.root === f.root && existing.relative_path === f.relativePath) return { fileId: existing.id, changed, created: false };
  if (changed && keepIfChanged?.(existing.id)) return { fileId: existing.id, changed, created: false, kept: true };
  db.prepare(
    `UPDATE files SET root = @root, relative_path = @relativePath, size = @size, mtime_ms = @mtime, updated_at = @now,
       sha1 = CASE WHEN @changed THEN NULL ELSE sha1 END,
       metadatas = CASE WHEN @changed THEN NULL ELSE metadatas END
     WHERE id = @id`,
  ).run({ ...f, mtime, id: existing.id, changed: changed ? 1 : 0 });
  return { fileId: existing.id, changed, created: false };
}

export function setFileInspection(
  db: Db,
  fileId: number,
  i: { sha1: string; mimeType: string; metadatas: Metadatas; size: number; mtimeMs: number; now: number },
): void {
  const row = db.prepare('SELECT relative_path FROM files WHERE id = ?').get(fileId) as { relative_path: string } | undefined;
  const metadatas = packMetadatas(i.metadatas, { relativePath: row?.relative_path ?? '', sha1: i.sha1, size: i.size, mimeType: i.mimeType });
  db.prepare(
    `UPDATE files SET sha1 = @sha1, mime_type = @mimeType, metadatas = @metadatas, size = @size, mtime_ms = @mtime, updated_at = @now
     WHERE id = @fileId`,
  ).run({ ...i, fileId, metadatas, mtime: Math.floor(i.mtimeMs) });
}

export function getFile(db: Db, fileId: number): FileRow | null {
  const row = db.prepare('SELECT * FROM files WHERE id = ?').get(fileId) as RawFile | undefined;
  return row ? toFileRow(row) : null;
}

/** Another path already known with this content (a move/rename inside a watched folder). */
export function findFileBySha1(db: Db, sha1: string, exceptId: number): FileRow | null {
  const row = db.prepare('SELECT * FROM files WHERE sha1 = ? AND id != ? LIMIT 1').get(sha1, exceptId) as RawFile | undefined;
  return row ? toFileRow(row) : null;
}
