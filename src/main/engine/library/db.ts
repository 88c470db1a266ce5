/**
 * Opens the library: one SQLite file in the data dir, WAL (readers never block the writer,
 * and a crash at any instant leaves a consistent database), synchronous=NORMAL (durable at
 * checkpoints, safe against corruption), a busy timeout for a second process reading.
 */
import Database from 'better-sqlite3';
import { existsSync, mkdirSync, renameSync, statfsSync } from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../shared/errors';
import { LATEST_VERSION, MIGRATIONS, type Migration } from './migrations';

export type Db = Database.Database;

export function libraryPath(dataDir: string): string {
  return path.join(dataDir, 'library.sqlite');
}

export interface OpenLibraryOptions {
  readonly?: boolean;
  migrations?: Migration[];
  /** A damaged library was moved aside and a new one started: the one line that says so. */
  onSetAside?: (message: string) => void;
  now?: () => number;
}

/**
 * A library that fails its integrity check (or is not a database at all) is not reused: it is
 * renamed with a timestamp, kept for inspection, and a new one is started. Nothing is lost by that
 * beyond the queue itself: what the albums hold is asked of the backend before anything is sent.
 */
export function openLibrary(dataDir: string, o: OpenLibraryOptions = {}): Db {
  try {
    return openChecked(dataDir, o);
  } catch (error) {
    if (o.readonly || !(error instanceof DamagedLibrary)) throw error;
    const aside = setAsideLibrary(dataDir, o.now?.() ?? Date.now());
    o.onSetAside?.(
      `The library in ${dataDir} is damaged (${error.reason}): it was moved to ${path.basename(aside)} and a new one started; photos already in their albums are recognised there and not sent again.`,
    );
    return openChecked(dataDir, o);
  }
}

class DamagedLibrary extends Error {
  constructor(readonly reason: string) {
    super(`damaged library: ${reason}`);
  }
}

function openChecked(dataDir: string, o: OpenLibraryOptions): Db {
  let db: Db | undefined;
  try {
    mkdirSync(dataDir, { recursive: true });
    db = new Database(libraryPath(dataDir), { readonly: o.readonly ?? false, fileMustExist: o.readonly ?? false });
    configure(db, o);
  } catch (error) {
    // Switching to WAL and migrating write too: a full disk shows up here as often as at open.
    db?.close();
    const code = (error as { code?: string }).code ?? '';
    if (!o.readonly && (code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB')) throw new DamagedLibrary(code);
    throw error instanceof AppError || error instanceof DamagedLibrary ? error : asLibraryError(error, dataDir);
  }
  cacheStatements(db);
  return db;
}

/** Renames library.sqlite and its WAL files to `….damaged-<UTC time>`; returns the new name of the database. */
function setAsideLibrary(dataDir: string, now: number): string {
  const stamp = new Date(now).toISOString().replace(/[:.]/g, '-');
  const target = `${libraryPath(dataDir)}.damaged-${stamp}`;
  // The WAL belongs to the damaged file: a new library must not pick it up.
  for (const suffix of ['', '-wal', '-shm']) {
    if (existsSync(libraryPath(dataDir) + suffix)) renameSync(libraryPath(dataDir) + suffix, target + suffix);
  }
  return target;
}

/** `PRAGMA quick_check`: the b-trees and pages are sound (O(size) but without the index cross-checks of integrity_check). */
function checkIntegrity(db: Db): void {
  const rows = db.pragma('quick_check(3)') as { quick_check: string }[];
  const verdict = rows.flatMap((r) => r.quick_check.split('\n')).filter((line) => line.trim() !== '' && !line.startsWith('***'));
  if (verdict.length === 1 && verdict[0] === 'ok') return;
  throw new DamagedLibrary(`integrity check: ${verdict.slice(0, 2).join('; ').slice(0, 160) || 'failed'}`);
}

function configure(db: Db, o: OpenLibraryOptions): void {
  db.pragma('busy_timeout = 5000');
  if (o.readonly) return;
  checkIntegrity(db);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  // A 4 MB page cache: the hot part of a 100,000-job queue fits, and memory stays bounded.
  db.pragma('cache_size = -4000');
  db.pragma('foreign_keys = ON');
  migrate(db, o.migrations ?? MIGRATIONS);
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

/** Below this much free space, an I/O error writing the library is taken for a full disk. */
const NEARLY_FULL_BYTES = 1 << 20;

function freeBytes(dir: string): number | null {
  try {
    const s = statfsSync(dir);
    return s.bavail * s.bsize;
  } catch {
    return null;
  }
}

/**
 * Whether a library error means "no space left". SQLite says SQLITE_FULL only for some writes:
 * growing the WAL index (-shm) on a full disk is SQLITE_IOERR_SHMSIZE, and other writes can
 * surface as a plain SQLITE_IOERR_*; those count as a full disk when the disk is indeed full.
 */
export function isDiskFullError(code: string, free: number | null): boolean {
  if (code === 'SQLITE_FULL' || code === 'ENOSPC' || code === 'SQLITE_IOERR_SHMSIZE') return true;
  return code.startsWith('SQLITE_IOERR') && free !== null && free < NEARLY_FULL_BYTES;
}

export function asLibraryError(error: unknown, dataDir: string): AppError {
  const code = (error as { code?: string }).code ?? '';
  if (isDiskFullError(code, code.startsWith('SQLITE_IOERR') ? freeBytes(dataDir) : null)) {
    return new AppError('DISK_FULL', `The disk holding ${dataDir} is full: PixDrop cannot save its queue. Free some space and start again; nothing was lost.`, {
      cause: error,
    });
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
