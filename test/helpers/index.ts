/**
 * What every test needs, defined once: where the repository and the fixtures are, temp dirs that are
 * removed when the test run ends, a file's SHA-1, and waiting for a condition (never a fixed sleep).
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const fixturesDir = path.resolve(repoRoot, '../shared/fixtures/photos');
export const cliPath = path.join(repoRoot, 'bin/pixdrop.js');

export function requireBuiltCli(): void {
  if (!existsSync(path.join(repoRoot, 'out/cli.js'))) {
    throw new Error('out/cli.js is missing: run `npm run build` before these tests (npm test does).');
  }
}

const made = new Set<string>();
// Each test file runs in its own worker: its temp dirs go when it ends (PIXDROP_KEEP_TEMP=1 keeps them to look at).
process.once('exit', () => {
  for (const dir of made) removeTempDir(dir);
});

/**
 * A fresh directory under the OS temp dir, removed when this test file's run ends: for a whole file's set-up
 * (beforeAll). Inside a test or a beforeEach, useTempDir (./temp-dir.ts) removes it when that test ends.
 */
export function tempDir(prefix = 'pixdrop-test-'): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  made.add(dir);
  return dir;
}

/** Removes a temp dir now, unless PIXDROP_KEEP_TEMP=1 keeps it to look at. */
export function removeTempDir(dir: string): void {
  if (process.env.PIXDROP_KEEP_TEMP === '1') return;
  rmSync(dir, { recursive: true, force: true });
  made.delete(dir);
}

export function sha1Of(file: string): string {
  return createHash('sha1').update(readFileSync(file)).digest('hex');
}

/** Resolves as soon as `check()` holds (it may ask asynchronously); fails with `what` after `timeoutMs`. */
export async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs = 30_000, what = 'a condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
