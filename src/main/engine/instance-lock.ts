/**
 * One engine per data dir. A lock file holds the owner's pid; a lock whose pid is gone (the
 * owner was killed) is stale and taken over. A second process waits a little, then says
 * clearly that another instance is running — it never touches the queue meanwhile.
 */
import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';
import { AppError } from '../../shared/errors';

export interface InstanceLock {
  release(): void;
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function tryLock(file: string): boolean {
  try {
    const fd = openSync(file, 'wx');
    writeSync(fd, String(process.pid));
    closeSync(fd);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  let owner = NaN;
  try {
    owner = Number(readFileSync(file, 'utf8').trim());
  } catch {
    return false; // being written by its owner right now
  }
  if (Number.isInteger(owner) && owner > 0 && owner !== process.pid && pidAlive(owner)) return false;
  rmSync(file, { force: true });
  return tryLock(file);
}

export async function acquireInstanceLock(dataDir: string, o: { waitMs?: number; onWait?: () => void } = {}): Promise<InstanceLock> {
  const file = path.join(dataDir, 'pixdrop.lock');
  const deadline = Date.now() + (o.waitMs ?? 30_000);
  let told = false;
  while (!tryLock(file)) {
    if (Date.now() >= deadline) {
      throw new AppError('CONFIG', `Another PixDrop is already running on ${dataDir}. Stop it first, or use another PIXDROP_DATA_DIR.`, { details: { lockHeld: true } });
    }
    if (!told) {
      o.onWait?.();
      told = true;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  let released = false;
  return {
    release() {
      if (released) return;
      released = true;
      try {
        if (readFileSync(file, 'utf8').trim() === String(process.pid)) rmSync(file, { force: true });
      } catch {
        // already gone
      }
    },
  };
}
