/** SQL for `companions`: the files that go along with an album photo's file (a pair's RAW, a Live Photo's clip). */
import type { Db } from './db';

export type CompanionKind = 'raw' | 'motion';

export interface CompanionRow {
  kind: CompanionKind;
  path: string;
}

/** Sets the companions of a file as this scan found them (a pair broken up since is forgotten). */
export function setCompanions(db: Db, fileId: number, companions: CompanionRow[]): void {
  db.prepare('DELETE FROM companions WHERE file_id = ?').run(fileId);
  const insert = db.prepare('INSERT INTO companions (file_id, kind, path) VALUES (?, ?, ?)');
  for (const c of companions) insert.run(fileId, c.kind, c.path);
}

export function companionsOf(db: Db, fileId: number): CompanionRow[] {
  return db.prepare('SELECT kind, path FROM companions WHERE file_id = ? ORDER BY kind').all(fileId) as CompanionRow[];
}
