/** SQL for `companions`: the files that go along with an album photo's file (a pair's RAW, a Live Photo's clip). */
import type { Db } from './db';

export type CompanionKind = 'raw' | 'motion';

export interface CompanionRow {
  kind: CompanionKind;
  path: string;
  /** Bytes on disk as scanned (counted in the queue's byte totals); absent when unknown. */
  size?: number;
}

/** Where a chunked upload of a companion stands: its upload id, the content it sends, the bytes confirmed. */
export interface CompanionProgress {
  uploadId: string;
  publicId: string;
  bytesConfirmed: number;
}

export interface StoredCompanion extends CompanionRow {
  progress: CompanionProgress | null;
}

/**
 * Sets the companions of a file as this scan found them (a pair broken up since is forgotten). A companion
 * found again at the same path keeps its upload progress, so a rescan after a crash does not restart it.
 * Returns the companions that are new (or at a new path): a photo already registered has not sent them.
 */
export function setCompanions(db: Db, fileId: number, companions: CompanionRow[]): CompanionRow[] {
  db.prepare('DELETE FROM companions WHERE file_id = ? AND kind NOT IN (SELECT value FROM json_each(?))').run(
    fileId,
    JSON.stringify(companions.map((c) => c.kind)),
  );
  const upsert = db.prepare(
    `INSERT INTO companions (file_id, kind, path) VALUES (?, ?, ?)
     ON CONFLICT (file_id, kind) DO UPDATE SET path = excluded.path, upload_id = NULL, upload_public_id = NULL, bytes_confirmed = 0
     WHERE companions.path <> excluded.path`,
  );
  const sized = db.prepare('UPDATE companions SET size = ? WHERE file_id = ? AND kind = ? AND size <> ?');
  return companions.filter((c) => {
    const isNew = upsert.run(fileId, c.kind, c.path).changes > 0;
    if (c.size !== undefined) sized.run(c.size, fileId, c.kind, c.size);
    return isNew;
  });
}

export function companionsOf(db: Db, fileId: number): StoredCompanion[] {
  const rows = db.prepare('SELECT kind, path, upload_id, upload_public_id, bytes_confirmed FROM companions WHERE file_id = ? ORDER BY kind').all(fileId) as {
    kind: CompanionKind;
    path: string;
    upload_id: string | null;
    upload_public_id: string | null;
    bytes_confirmed: number;
  }[];
  return rows.map((r) => ({
    kind: r.kind,
    path: r.path,
    progress: r.upload_id && r.upload_public_id ? { uploadId: r.upload_id, publicId: r.upload_public_id, bytesConfirmed: r.bytes_confirmed } : null,
  }));
}

/** Kept after every confirmed chunk of a companion; null once it is in Cloudinary whole. */
export function setCompanionProgress(db: Db, fileId: number, kind: CompanionKind, progress: CompanionProgress | null): void {
  db.prepare('UPDATE companions SET upload_id = ?, upload_public_id = ?, bytes_confirmed = ? WHERE file_id = ? AND kind = ?').run(
    progress?.uploadId ?? null,
    progress?.publicId ?? null,
    progress?.bytesConfirmed ?? 0,
    fileId,
    kind,
  );
}
