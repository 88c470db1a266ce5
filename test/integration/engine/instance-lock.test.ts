/**
 * One engine per data dir, across real processes: a lock left by an owner killed with SIGKILL is
 * free again at once, and two processes racing for it get it exactly once — every round.
 */
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../helpers/paths';
import { tempDir } from '../../helpers/stack';

/** A process that takes the lock (or not), says which, and holds it until killed or `holdMs` passed. */
const HOLDER = `
import { acquireInstanceLock } from './src/main/engine/instance-lock';
const [dataDir, holdMs] = process.argv.slice(2);
acquireInstanceLock(dataDir, { waitMs: 0 }).then(
  (lock) => { process.stdout.write('locked\\n'); setTimeout(() => lock.release().then(() => process.exit(0)), Number(holdMs)); },
  (error) => { process.stdout.write(error.details?.lockHeld ? 'busy\\n' : 'error ' + error.message + '\\n'); process.exit(0); },
);
`;

let holderPath: string;

function holder(dataDir: string, holdMs: number) {
  const child = spawn(process.execPath, [holderPath, dataDir, String(holdMs)], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  const said = new Promise<string>((resolve) => child.stdout.on('data', () => out.includes('\n') && resolve(out.trim())));
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  return { child, said, exited };
}

describe('the instance lock', () => {
  beforeAll(async () => {
    // Bundled next to node_modules so that better-sqlite3 resolves as in the CLI.
    holderPath = path.join(repoRoot, 'node_modules/.cache/pixdrop-tests/lock-holder.mjs');
    mkdirSync(path.dirname(holderPath), { recursive: true });
    await build({
      stdin: { contents: HOLDER, resolveDir: repoRoot, loader: 'ts' },
      bundle: true,
      platform: 'node',
      format: 'esm',
      packages: 'external',
      outfile: holderPath,
      logLevel: 'warning',
    });
  });

  it('is free again as soon as its owner is killed, and of two processes racing for it exactly one wins', { timeout: 60_000 }, async () => {
    const rounds = 16;
    const outcomes: string[][] = [];
    for (let round = 0; round < rounds; round += 1) {
      const dataDir = tempDir('pixdrop-lock-');
      const owner = holder(dataDir, 60_000);
      expect(await owner.said).toBe('locked');
      expect(await holder(dataDir, 0).said).toBe('busy');
      owner.child.kill('SIGKILL'); // no clean-up: the lock file stays behind
      await owner.exited;
      const racers = [holder(dataDir, 1000), holder(dataDir, 1000)];
      outcomes.push((await Promise.all(racers.map((r) => r.said))).sort());
      await Promise.all(racers.map((r) => r.exited));
    }
    expect(outcomes).toEqual(Array.from({ length: rounds }, () => ['busy', 'locked']));
  });
});
