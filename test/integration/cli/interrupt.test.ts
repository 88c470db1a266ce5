/**
 * Ctrl-C during `pixdrop upload`: one line says progress is saved (no "unexpected error" after it, although
 * the engine stops under steps still waiting), and the same command run again finishes the job, each photo once.
 */
import path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ndjson, runCli, startCli } from '../../helpers/cli';
import { requireBuiltCli, waitFor } from '../../helpers/index';
import { startTestStack, type TestStack } from '../../helpers/stack';
import { makePhotos, smallBatch } from '../survival/harness';

describe('pixdrop upload interrupted', () => {
  let stack: TestStack;
  beforeAll(() => requireBuiltCli());
  beforeEach(async () => {
    stack = await startTestStack();
  });
  afterEach(() => stack?.close());

  it('says once that progress is saved, and the next run finishes with each photo once', { timeout: 90_000 }, async () => {
    const folder = path.join(stack.dir, 'Card');
    const photos = makePhotos(folder, smallBatch(6, 400_000), 40);
    const run = startCli(['upload', folder, '--album-from-folder', '--json', '--bwlimit', '300k', '--concurrency', '1'], stack.env);
    await waitFor(() => ndjson(run.stdout()).some((e) => e.type === 'progress' && Number(e.bytes_done) > 0), 30_000, 'bytes moving');
    run.child.kill('SIGINT');
    const stopped = await run.done;
    expect(stopped.stderr).toContain('Interrupted. Progress is saved');
    expect(stopped.stderr).not.toMatch(/Unexpected error|report it/);
    expect(stopped.code).toBe(1);

    const again = await runCli(['upload', folder, '--album-from-folder', '--json'], stack.env);
    expect(again.code, again.stderr).toBe(0);
    expect(stack.backend.listImages()).toHaveLength(photos.length);
    expect(new Set(stack.backend.listImages().map((r) => r.infos.public_id)).size).toBe(photos.length);
  });
});
