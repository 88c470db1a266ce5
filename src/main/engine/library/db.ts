/**
 * Opens the library: one SQLite file in the data dir, WAL (readers never block the writer,
 * and a crash at any instant leaves a consistent database), synchronous=NORMAL (durable at
 * checkpoints, safe against corruption), a busy timeout for a second process reading.
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../shared/errors';
import { LATEST_VERSION, MIGRATIONS, type Migration } from './migrations';

export type Db = Database.Database;

export function libraryPath(dataDir: string): string {
  return path.join(dataDir, 'library.sqlite');
}

export function openLibrary(dataDir: string, o: { readonly?: boolean; migrations?: Migration[] } = {}): Db {
  mkdirSync(dataDir, { recursive: true });
  let db: Db;
  try {
    db = new Database(libraryPath(dataDir), { readonly: o.readonly ?? false, fileMustExist: o.readonly ?? false });
  } catch (error) {
    throw asLibraryError(error, dataDir);
  }
  db.pragma('busy_timeout = 5000');
  if (!o.readonly) {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    // A 4 MB page cache: the hot part of a 100,000-job queue fits, and memory stays bounded.
    db.pragma('cache_size = -4000');
    db.pragma('foreign_keys = ON');
    migrate(db, o.migrations ?? MIGRATIONS);
  }
  cacheStatements(db);
  return db;
}

/**
 * Library functions call db.prepare(sql) where they need it, which keeps each query next to
 * its use; compiling the same SQL for every call, though, dominated enqueue time and grew
 * native memory. Statements are compiled once per distinct SQL text (bounded: a few queries
 * are built from optional parts).
 */
function cacheStatements(db: Db, limit = 500): void {
  const compile = db.prepare.bind(db);
  const cache = new Map<string, Database.Statement>();
  db.prepare = ((sql: string) => {
    let statement = cache.get(sql);
    if (!statement) {
      if (cache.size >= limit) cache.clear();
      statement = compile(sql);
      cache.set(sql, statement);
    }
    return statement;
  }) as Db['prepare'];
}

export function migrate(db: Db, migrations: Migration[]): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  const latest = migrations[migrations.length - 1]?.version ?? 0;
  if (current > latest) {
    throw new AppError('CONFIG', `The library was written by a newer PixDrop (schema ${current}, this one knows ${latest}). Update PixDrop.`);
  }
  for (const step of migrations) {
    if (step.version <= current) continue;
    // One transaction per step: a kill mid-migration leaves the previous version intact.
    db.transaction(() => {
      db.exec(step.sql);
      db.pragma(`user_version = ${step.version}`);
    })();
  }
}

export function asLibraryError(error: unknown, dataDir: string): AppError {
  const code = (error as { code?: string }).code ?? '';
  if (code === 'SQLITE_FULL' || code === 'ENOSPC') {
    return new AppError('DISK_FULL', `The disk holding ${dataDir} is full: PixDrop cannot save its queue. Free some space and start again; nothing was lost.`, { cause: error });
  }
  if (code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB') {
    return new AppError('INTERNAL', `The library in ${dataDir} is damaged (${code}). Move library.sqlite away to start a fresh queue.`, { cause: error });
  }
  if (code === 'SQLITE_CANTOPEN' || code === 'SQLITE_READONLY' || code === 'EACCES') {
    return new AppError('UNREADABLE', `Cannot open the library in ${dataDir} (${code}). Check that the folder is writable.`, { cause: error });
  }
  return new AppError('INTERNAL', `Library error in ${dataDir}: ${(error as Error).message}`, { cause: error });
}

export { LATEST_VERSION };
