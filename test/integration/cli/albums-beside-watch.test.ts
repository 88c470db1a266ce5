/**
 * `pixdrop albums` while a `pixdrop watch` runs on the same data dir: answered by the running engine at once
 * (it holds the library), not refused after waiting for the lock.
 */
import path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runCli, startCli, type RunningCli } from '../../helpers/cli';
import { requireBuiltCli, waitFor } from '../../helpers/index';
import { startTestStack, type TestStack } from '../../helpers/stack';
import { makePhotos, smallBatch } from '../survival/harness';

describe('pixdrop albums beside a running watch', () => {
  let stack: TestStack;
  let watch: RunningCli | null = null;
  beforeAll(() => requireBuiltCli());
  beforeEach(async () => {
    stack = await startTestStack();
  });
  afterEach(async () => {
    watch?.child.kill('SIGINT');
    await watch?.done;
    watch = null;
    await stack?.close();
  });

  it('lists the albums the watch filled, at once, exit 0', { timeout: 60_000 }, async () => {
    const folder = path.join(stack.dir, 'Wedding');
    makePhotos(folder, smallBatch(3), 70);
    watch = startCli(['watch', folder, '--album-from-folder', '--json'], stack.env);
    await waitFor(() => stack.backend.listImages().length === 3, 30_000, 'the photos in the album');
    const started = Date.now();
    const listed = await runCli(['albums', '--json'], stack.env);
    expect(listed.code, listed.stderr).toBe(0);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(JSON.parse(listed.stdout)).toEqual([expect.objectContaining({ name: 'Wedding', images_count: 3 })]);
    const plain = await runCli(['albums'], stack.env);
    expect(plain.stdout).toMatch(/^\S+\tWedding\t3 photo\(s\)$/m);
  });
});
