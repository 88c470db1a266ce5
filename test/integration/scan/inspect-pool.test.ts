/**
 * The photo-reader threads (out/inspect-worker.cjs, as the CLI and the desktop app start them):
 * the same answers as reading in this thread, errors that keep their code across the thread
 * boundary, a stop that stops, and read buffers lent to the next photo without mixing photos up.
 */
import { copyFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../src/shared/errors';
import { inspectPhoto } from '../../../src/main/engine/scan/inspect';
import { createInspectPool } from '../../../src/main/engine/scan/inspect-pool';
import type { Inspector } from '../../../src/main/engine/scan/inspector';
import type { FoundFile } from '../../../src/main/engine/scan/walk';
import { fixturesDir, repoRoot, requireBuiltCli } from '../../helpers/paths';
import { sha1Of, writeBigJpeg } from '../../helpers/photos';
import { tempDir } from '../../helpers/stack';

const script = path.join(repoRoot, 'out/inspect-worker.cjs');

function found(p: string): FoundFile {
  const st = statSync(p);
  return { path: p, root: path.dirname(p), relativePath: path.basename(p), size: st.size, mtimeMs: st.mtimeMs };
}

function codeOf(error: unknown): string {
  return error instanceof AppError ? error.code : `not an AppError: ${String(error)}`;
}

describe('inspect pool (worker threads)', () => {
  let pool: Inspector;
  let dir: string;
  beforeAll(() => {
    requireBuiltCli();
    pool = createInspectPool({ script, threads: 2 });
    dir = tempDir('pixdrop-pool-');
  });
  afterAll(async () => {
    await pool.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads every camera photo exactly as this thread does, many at once', async () => {
    const cameras = path.join(fixturesDir, 'cameras');
    const files = readdirSync(cameras).map((name) => found(path.join(cameras, name)));
    const signal = new AbortController().signal;
    const [threaded, local] = await Promise.all([
      Promise.all(files.map((f) => pool.inspect(f, signal))),
      Promise.all(files.map((f) => inspectPhoto(f, { signal }))),
    ]);
    expect(files.length).toBeGreaterThan(5);
    expect(threaded).toEqual(local);
    // The lent buffers never mix two photos: each hash is the file's own.
    threaded.forEach((photo, i) => expect(photo.sha1, files[i]!.path).toBe(sha1Of(files[i]!.path)));
  });

  it('keeps the error code a person sees across the thread boundary', async () => {
    const signal = new AbortController().signal;
    const empty = path.join(dir, 'empty.jpg');
    writeFileSync(empty, '');
    const text = path.join(dir, 'notes.jpg');
    writeFileSync(text, 'not a photo at all, just text behind a photo extension');
    const truncated = found(path.join(fixturesDir, 'broken/MADE-truncated-55pct-of-olympus-pen-e-p3.jpg'));
    const gone = { ...found(empty), path: path.join(dir, 'vanished.jpg') };
    const errors = await Promise.all([found(empty), found(text), truncated, gone].map((f) => pool.inspect(f, signal).then(() => null, (e: unknown) => e)));
    expect(errors.map(codeOf)).toEqual(['EMPTY_FILE', 'NOT_A_PHOTO', 'CORRUPT_FILE', 'FILE_GONE']);
    expect((errors[2] as AppError).message).toContain('truncated');
  });

  it('stops reading a file when its job is stopped, and goes on with the next', async () => {
    const big = path.join(dir, 'big.jpg');
    writeBigJpeg(big, 200 * 1024 * 1024);
    const controller = new AbortController();
    const reading = pool.inspect(found(big), controller.signal);
    setTimeout(() => controller.abort(), 20);
    const error = await reading.then(() => null, (e: unknown) => e);
    expect((error as Error | null)?.name).toBe('AbortError');
    const next = path.join(dir, 'next.jpg');
    copyFileSync(path.join(fixturesDir, 'cameras', readdirSync(path.join(fixturesDir, 'cameras'))[0]!), next);
    const photo = await pool.inspect(found(next), new AbortController().signal);
    expect(photo.sha1).toBe(sha1Of(next));
  });
});
