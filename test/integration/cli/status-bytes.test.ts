/**
 * `pixdrop status` counts the bytes a run sends: a pair's RAW and a Live Photo's clip with their photo, so that
 * after a run its total is the run summary's. Through the built CLI and the real local servers, on the
 * fixtures' real pairs (../shared/fixtures/pairs).
 */
import { cpSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ndjson, runCli } from '../../helpers/cli';
import { requireBuiltCli } from '../../helpers/paths';
import { startTestStack, type TestStack } from '../../helpers/stack';
import { pairsDir } from '../../helpers/videos';

const bytesBelow = (dir: string): number =>
  readdirSync(dir, { withFileTypes: true }).reduce(
    (n, e) => n + (e.isDirectory() ? bytesBelow(path.join(dir, e.name)) : statSync(path.join(dir, e.name)).size),
    0,
  );

describe('status bytes', () => {
  let stack: TestStack;
  beforeAll(() => requireBuiltCli());
  beforeEach(async () => (stack = await startTestStack()));
  afterEach(() => stack?.close());

  it('count RAWs and clips as the run summary does', async () => {
    const shoot = path.join(stack.dir, 'shoot');
    cpSync(pairsDir, shoot, { recursive: true });
    const run = await runCli(['upload', shoot, '--album-from-folder', '--json'], stack.env);
    expect(run.code, run.stderr).toBe(0);
    const summary = ndjson(run.stdout).at(-1)!;
    // Every file of the pairs is sent: the stills, their RAWs and the clip.
    expect(summary).toMatchObject({ type: 'summary', uploaded: 3, bytes: bytesBelow(shoot) });
    const status = await runCli(['status', '--json'], stack.env);
    expect(JSON.parse(status.stdout)).toMatchObject({ bytes_total: summary.bytes, bytes_done: summary.bytes });
  });
});
