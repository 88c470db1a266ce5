/**
 * During an upgrade an older PixDrop may start beside the new one. Older versions locked the data dir
 * with a pid file (pixdrop.lock): they ran unless the pid in it was alive, and took a stale one over.
 * That check is copied here from the last version that had it, and run as a separate process against a
 * data dir the new engine holds, and the other way round.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../helpers/paths';
import { tempDir } from '../../helpers/stack';

/** The new engine's lock, taken (or not) and held until killed or `holdMs` passed. */
const NEW_VERSION = `
import { acquireInstanceLock } from './src/main/engine/instance-lock';
const [dataDir, holdMs] = process.argv.slice(2);
acquireInstanceLock(dataDir, { waitMs: 0 }).then(
  (lock) => {
    // Stopped as the CLI and the app stop: the engine releases its lock.
    const stop = () => lock.release().then(() => process.exit(0));
    process.on('SIGTERM', stop);
    process.stdout.write('locked\\n');
    setTimeout(stop, Number(holdMs));
  },
  (error) => { process.stdout.write(error.details?.lockHeld ? 'busy\\n' : 'error ' + error.message + '\\n'); process.exit(0); },
);
`;

/** The older versions' tryLock (instance-lock.ts before the SQLite lock), verbatim; holds the file until killed when it got it. */
const OLD_VERSION = `
import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';
function pidAlive(pid) {
  try { process.kill(pid, 0); return true; } catch (error) { return error.code === 'EPERM'; }
}
function tryLock(file) {
  try {
    const fd = openSync(file, 'wx');
    writeSync(fd, String(process.pid));
    closeSync(fd);
    return true;
  } catch (error) {
    if (error.code !== 'EEXIST') throw error;
  }
  let owner = NaN;
  try { owner = Number(readFileSync(file, 'utf8').trim()); } catch { return false; }
  if (Number.isInteger(owner) && owner > 0 && owner !== process.pid && pidAlive(owner)) return false;
  rmSync(file, { force: true });
  return tryLock(file);
}
const [dataDir, holdMs] = process.argv.slice(2);
process.stdout.write(tryLock(path.join(dataDir, 'pixdrop.lock')) ? 'locked\\n' : 'busy\\n');
setTimeout(() => process.exit(0), Number(holdMs));
`;

let newVersion: string;
let oldVersion: string;

function run(script: string, dataDir: string, holdMs: number) {
  const child = spawn(process.execPath, [script, dataDir, String(holdMs)], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  const said = new Promise<string>((resolve) => child.stdout.on('data', () => out.includes('\n') && resolve(out.trim())));
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  return { child, said, exited };
}

describe('the instance lock during an upgrade', () => {
  beforeAll(async () => {
    const dir = path.join(repoRoot, 'node_modules/.cache/pixdrop-tests');
    mkdirSync(dir, { recursive: true });
    newVersion = path.join(dir, 'new-pixdrop-lock.mjs');
    // The older PixDrop's process: its command line names pixdrop, as the CLI's and the app's do.
    oldVersion = path.join(dir, 'old-pixdrop-lock.mjs');
    writeFileSync(oldVersion, OLD_VERSION);
    await build({
      stdin: { contents: NEW_VERSION, resolveDir: repoRoot, loader: 'ts' },
      bundle: true,
      platform: 'node',
      format: 'esm',
      packages: 'external',
      outfile: newVersion,
      logLevel: 'warning',
    });
  });

  it('an older PixDrop refuses to start while the new one runs, and starts once it stopped', { timeout: 30_000 }, async () => {
    const dataDir = tempDir('pixdrop-upgrade-lock-');
    const current = run(newVersion, dataDir, 60_000);
    expect(await current.said).toBe('locked');
    expect(await run(oldVersion, dataDir, 0).said).toBe('busy');
    current.child.kill('SIGTERM');
    await current.exited;
    expect(existsSync(path.join(dataDir, 'pixdrop.lock'))).toBe(false);
    expect(await run(oldVersion, dataDir, 0).said).toBe('locked');
  });

  it('the new PixDrop does not start beside an older one that runs, and starts once that one ended', { timeout: 30_000 }, async () => {
    const dataDir = tempDir('pixdrop-upgrade-lock-');
    const older = run(oldVersion, dataDir, 60_000);
    expect(await older.said).toBe('locked');
    expect(await run(newVersion, dataDir, 0).said).toBe('busy');
    older.child.kill('SIGKILL'); // its pid file stays behind, naming a pid that is gone
    await older.exited;
    expect(await run(newVersion, dataDir, 0).said).toBe('locked');
  });
});
