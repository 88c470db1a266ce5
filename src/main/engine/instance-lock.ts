/**
 * One engine per data dir, held with an OS file lock: SQLite's exclusive lock (better-sqlite3,
 * `locking_mode = EXCLUSIVE`) on `engine.lock`, kept for as long as the engine runs. The kernel
 * drops the lock when its process ends, however it ends, so there is no stale lock to detect and no
 * takeover to race: of two processes starting at once, exactly one gets it. (Lock-file libraries
 * that judge staleness by pid or mtime have that race: proper-lockfile's rmdir + mkdir takeover lets
 * two processes both win, see its issue #121.) A second process waits a little, then says clearly
 * that another instance is running — it never touches the queue meanwhile. The pid file older
 * versions used is held too (legacy-pid-file.ts), so an older PixDrop started during an upgrade refuses as well.
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { AppError } from '../../shared/errors';
import { claimLegacyPidFile, releaseLegacyPidFile } from './legacy-pid-file';

export interface InstanceLock {
  release(): Promise<void>;
}

export function lockPath(dataDir: string): string {
  return path.join(dataDir, 'engine.lock');
}

/** The lock's connection when this process got the lock, null when another holds it. */
function tryLock(file: string): Database.Database | null {
  const db = new Database(file, { timeout: 0 });
  try {
    db.pragma('locking_mode = EXCLUSIVE');
    // In exclusive locking mode the lock taken by this transaction is kept until the connection closes.
    db.exec('BEGIN EXCLUSIVE; CREATE TABLE IF NOT EXISTS owner (pid INTEGER); DELETE FROM owner;');
    db.prepare('INSERT INTO owner (pid) VALUES (?)').run(process.pid);
    db.exec('COMMIT');
    return db;
  } catch (error) {
    db.close();
    if ((error as { code?: string }).code === 'SQLITE_BUSY') return null;
    throw error;
  }
}

/**
 * SQLite's lock climbs SHARED → RESERVED → EXCLUSIVE, so two processes that begin at the same instant
 * can each hold a step the other needs and both be told BUSY, with the lock left to neither. Trying
 * again after a random pause of a few milliseconds breaks that tie: one of them then finds it free.
 */
async function tryLockBreakingTies(file: string): Promise<Database.Database | null> {
  for (let attempt = 0; ; attempt += 1) {
    const held = tryLock(file);
    if (held || attempt === 4) return held;
    await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 40));
  }
}

export async function acquireInstanceLock(dataDir: string, o: { waitMs?: number; onWait?: () => void } = {}): Promise<InstanceLock> {
  mkdirSync(dataDir, { recursive: true });
  const file = lockPath(dataDir);
  const deadline = Date.now() + (o.waitMs ?? 30_000);
  let told = false;
  for (;;) {
    const held = await tryLockBreakingTies(file);
    if (held && claimLegacyPidFile(dataDir)) {
      return {
        release: async () => {
          releaseLegacyPidFile(dataDir);
          if (held.open) held.close();
        },
      };
    }
    held?.close(); // an older PixDrop runs on this data dir (it knows only the pid file)
    if (Date.now() >= deadline) {
      throw new AppError('CONFIG', `Another PixDrop is already running on ${dataDir}. Stop it first, or use another PIXDROP_DATA_DIR.`, {
        details: { lockHeld: true },
      });
    }
    if (!told) {
      o.onWait?.();
      told = true;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
