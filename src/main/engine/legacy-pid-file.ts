/**
 * The pid file PixDrop used as its instance lock before the SQLite lock (`pixdrop.lock` in the data
 * dir, holding the owner's pid). An older PixDrop started during an upgrade knows only this file: it
 * refuses to run while the pid in it is alive, and takes the file over when that pid is gone. So the
 * engine, once it holds engine.lock, also holds this file with its own pid; and it does not start
 * beside an older PixDrop that holds it. The file is written whole before it appears (link of a full
 * temporary file), because an older PixDrop reading it empty would take it for stale.
 */
import { linkSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export function legacyPidFile(dataDir: string): string {
  return path.join(dataDir, 'pixdrop.lock');
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * A live PixDrop of an older version holds the file. Where the process table can be read, the pid must
 * also be a PixDrop's (a pid reused by another program after an older PixDrop was killed is no owner).
 */
function heldByOther(file: string): boolean {
  let owner = NaN;
  try {
    owner = Number(readFileSync(file, 'utf8').trim());
  } catch {
    return false; // gone meanwhile
  }
  if (!Number.isInteger(owner) || owner <= 0 || owner === process.pid || !alive(owner)) return false;
  try {
    return /pixdrop|cli\.js|electron/i.test(readFileSync(`/proc/${owner}/cmdline`, 'utf8'));
  } catch {
    return true; // no /proc here (macOS, Windows): a live pid is an owner, as older versions judged
  }
}

/** Writes this process's pid into the file; false when an older PixDrop that is still running holds it. */
export function claimLegacyPidFile(dataDir: string): boolean {
  const file = legacyPidFile(dataDir);
  const whole = `${file}.${process.pid}.tmp`;
  writeFileSync(whole, String(process.pid));
  try {
    for (let tries = 0; tries < 3; tries += 1) {
      try {
        linkSync(whole, file);
        return true;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      if (heldByOther(file)) return false;
      rmSync(file, { force: true }); // left by a PixDrop that ended without removing it
    }
    return false;
  } finally {
    rmSync(whole, { force: true });
  }
}

/** Removes the file if it still names this process. */
export function releaseLegacyPidFile(dataDir: string): void {
  const file = legacyPidFile(dataDir);
  try {
    if (readFileSync(file, 'utf8').trim() === String(process.pid)) rmSync(file, { force: true });
  } catch {
    // already gone
  }
}
