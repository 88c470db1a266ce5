/**
 * `pixdrop retry` goes through the engine: with a `pixdrop watch` running on the same data dir, the
 * retried file is handed to it over the control channel and uploaded by that process at once; with
 * none running, retry opens the engine itself (taking the instance lock) and the next run uploads it.
 * Real processes of the built CLI, real servers; the failure is the backend refusing the registration (422) until told otherwise.
 */
import { statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, startCli } from '../../helpers/cli';
import { requireBuiltCli } from '../../helpers/paths';
import { tempDir } from '../../helpers/stack';
import { controlAddress } from '../../../src/main/engine/commands/control-channel';
import { exactlyOnceReport, jobCounts, makePhotos, startSurvivalStack, waitFor, type SurvivalStack } from '../survival/harness';

/** The library's counts per status; empty until the library exists. */
function counts(dataDir: string): Record<string, number> {
  try {
    return jobCounts(dataDir);
  } catch {
    return {};
  }
}

describe('pixdrop retry', () => {
  let stack: SurvivalStack;
  beforeAll(async () => {
    requireBuiltCli();
    stack = await startSurvivalStack();
  });
  afterAll(() => stack?.close());

  it('hands the retry to a running `pixdrop watch`, which uploads the file at once', { timeout: 90_000 }, async () => {
    const folder = path.join(tempDir('pixdrop-retry-'), 'Later');
    const photos = makePhotos(folder, [{ name: 'R1.jpg', size: 300_000 }], 900);
    const env = stack.envFor('retry-running');
    const dataDir = env.PIXDROP_DATA_DIR as string;
    stack.backend.setFaults({ error422: 1, methods: ['POST'] }); // every registration refused for now
    const watch = startCli(['watch', folder, '--album-from-folder', '--json'], env);
    try {
      await waitFor(() => counts(dataDir).failed === 1, 30_000, 'the photo to fail (its registration refused)');
      // Only this user may reach the running engine.
      const socket = controlAddress(dataDir);
      expect(statSync(socket).mode & 0o777).toBe(0o600);
      expect(statSync(path.dirname(socket)).mode & 0o777).toBe(0o700);

      stack.backend.setFaults({}); // the backend takes registrations again
      const retriedAt = Date.now();
      const retried = await runCli(['retry', '--all'], env, 30_000);
      expect(retried.code, retried.stderr).toBe(0);
      expect(retried.stdout).toMatch(/The running PixDrop picked up 1 file/);
      await waitFor(() => counts(dataDir).done === 1, 15_000, 'the watch process to upload the retried photo');
      console.log(`retried photo uploaded by the running watch ${Date.now() - retriedAt} ms after \`pixdrop retry --all\` started`);
      expect(watch.child.exitCode).toBeNull(); // it was the watch that uploaded it
      expect(exactlyOnceReport(stack, photos).perPhoto.map((p) => p.records)).toEqual([1]);
    } finally {
      watch.child.kill('SIGINT');
      expect((await watch.done).code).toBe(0);
    }
  });

  it('with no PixDrop running, requeues through its own engine and the next run uploads the file', { timeout: 90_000 }, async () => {
    const folder = path.join(tempDir('pixdrop-retry-'), 'Alone');
    const photos = makePhotos(folder, [{ name: 'A1.jpg', size: 300_000 }], 950);
    const env = stack.envFor('retry-alone');
    const dataDir = env.PIXDROP_DATA_DIR as string;
    stack.backend.setFaults({ error422: 1, methods: ['POST'] });
    const failed = await runCli(['upload', folder, '--album-from-folder', '--json'], env, 30_000);
    stack.backend.setFaults({});
    expect(failed.code).toBe(1);

    const retried = await runCli(['retry', '--all'], env, 30_000);
    expect(retried.code, retried.stderr).toBe(0);
    expect(retried.stdout).toMatch(/1 file\(s\) back in the queue/);
    expect(counts(dataDir)).toEqual({ queued: 1 });

    const again = await runCli(['upload', folder, '--album-from-folder', '--json'], env, 30_000);
    expect(again.code, again.stderr).toBe(0);
    expect(exactlyOnceReport(stack, photos).perPhoto.map((p) => p.records)).toEqual([1]);
  });
  it('`pixdrop cancel --all` stops a transfer under way in a running `pixdrop watch`; the photo is never sent', { timeout: 90_000 }, async () => {
    const folder = path.join(tempDir('pixdrop-cancel-'), 'Cancelled');
    const photos = makePhotos(folder, [{ name: 'C1.jpg', size: 3_000_000 }], 960);
    const env = stack.envFor('cancel-running', { PIXDROP_BWLIMIT: '100k' }); // slow enough to be caught mid-transfer
    const dataDir = env.PIXDROP_DATA_DIR as string;
    const before = stack.cloudinary.stats().bytesReceived;
    const watch = startCli(['watch', folder, '--album-from-folder', '--json'], env);
    try {
      await waitFor(() => stack.cloudinary.stats().bytesReceived - before > 100_000, 30_000, 'the transfer to be under way');
      const cancelled = await runCli(['cancel', '--all'], env, 30_000);
      expect(cancelled.code, cancelled.stderr).toBe(0);
      expect(cancelled.stdout).toMatch(/1 file\(s\) cancelled: the running PixDrop stopped them/);
      expect(counts(dataDir)).toEqual({ cancelled: 1 });
    } finally {
      watch.child.kill('SIGINT');
      expect((await watch.done).code).toBe(0);
    }
    // The watch has stopped: whatever it would have done is done. Nothing of the photo reached the album or the store.
    expect(counts(dataDir)).toEqual({ cancelled: 1 });
    expect(exactlyOnceReport(stack, photos).perPhoto.map((p) => [p.records, p.assets])).toEqual([[0, 0]]);
  });
});
