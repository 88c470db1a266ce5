/**
 * Each error code means one thing: a damaged settings file is a configuration problem (exit 2, the
 * file named), an unknown photo id is REJECTED with that id, and a pause is ABORTED, not a network
 * problem. Real CLI processes and a real engine.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../../src/main/engine';
import { resolveConfig } from '../../../src/main/engine/config';
import { silentLogger } from '../../../src/main/engine/logger';
import { runCli } from '../../helpers/cli';
import { requireBuiltCli } from '../../helpers/paths';
import { startTestStack, tempDir, type TestStack } from '../../helpers/stack';

describe('errors keep their meaning', () => {
  let stack: TestStack;
  beforeAll(async () => {
    requireBuiltCli();
    stack = await startTestStack();
  });
  afterAll(() => stack?.close());

  it('a damaged settings file stops a command with exit 2 and names the file', async () => {
    const dataDir = tempDir('pixdrop-settings-');
    writeFileSync(path.join(dataDir, 'settings.json'), '{"version": 1, "plain": {');
    const result = await runCli(['status'], { ...stack.env, PIXDROP_DATA_DIR: dataDir }, 30_000);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(path.join(dataDir, 'settings.json'));
    expect(result.stderr).toMatch(/damaged.*Move it away/);
  });

  it('asking for a photo id that is not in the queue is REJECTED with that id, not an internal error', async () => {
    const dataDir = path.join(stack.dir, 'unknown-id');
    mkdirSync(dataDir, { recursive: true });
    const engine = await createEngine({ config: resolveConfig({ env: { ...stack.env, PIXDROP_DATA_DIR: dataDir } }), logger: silentLogger });
    try {
      for (const answer of [await engine.getPhoto(4242), await engine.editPhoto(4242, { title: 'x' })]) {
        expect(answer).toMatchObject({ ok: false, error: { code: 'REJECTED', details: { jobId: 4242 } } });
        expect(answer.ok || answer.error.message).toMatch(/No photo with id 4242/);
      }
    } finally {
      await engine.stop();
    }
  });
});
