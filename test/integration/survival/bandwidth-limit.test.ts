/**
 * `--bwlimit` (and PIXDROP_BWLIMIT) caps what the whole upload sends, measured where it counts:
 * the bytes the server receives over time, with several photos going at once. Without a limit the
 * same upload is much faster, so the measurement can tell the difference.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ndjson, runCli } from '../../helpers/cli';
import { requireBuiltCli } from '../../helpers/paths';
import { tempDir } from '../../helpers/stack';
import { makePhotos, startSurvivalStack, type SurvivalStack } from './harness';

const LIMIT = 2_000_000;
const PHOTO_BYTES = 1_250_000;
const PHOTOS = 4; // 5 MB: ~2.5 s at the limit, three at a time

/** Bytes the server received, sampled while `work` runs: the rate between the first and the last byte. */
async function measureRate(stack: SurvivalStack, work: () => Promise<void>): Promise<{ bytes: number; seconds: number; rate: number }> {
  const samples: { at: number; bytes: number }[] = [];
  const base = stack.cloudinary.stats().bytesReceived;
  const sampler = setInterval(() => samples.push({ at: performance.now(), bytes: stack.cloudinary.stats().bytesReceived - base }), 10);
  try {
    await work();
  } finally {
    clearInterval(sampler);
  }
  const total = stack.cloudinary.stats().bytesReceived - base;
  // From the last sample before any byte (the start) to the first sample with all of them (the end).
  const start = samples.filter((s) => s.bytes === 0).at(-1) ?? samples[0];
  const end = samples.find((s) => s.bytes === total) ?? samples.at(-1)!;
  const seconds = Math.max(0.001, (end.at - start.at) / 1000);
  return { bytes: total, seconds, rate: total / seconds };
}

describe('the bandwidth limit', () => {
  let stack: SurvivalStack;
  let root: string;
  beforeAll(async () => {
    requireBuiltCli();
    stack = await startSurvivalStack();
    root = tempDir('pixdrop-bwlimit-photos-');
  });
  afterAll(() => stack?.close());

  const upload = async (name: string, seed: number, extraArgs: string[], extraEnv: NodeJS.ProcessEnv) => {
    const folder = path.join(root, name);
    const specs = Array.from({ length: PHOTOS }, (_, i) => ({ name: `IMG_${i + 1}.jpg`, size: PHOTO_BYTES + i * 4099 }));
    makePhotos(folder, specs, seed);
    const result = await runCli(
      ['upload', folder, '--album-from-folder', '--json', ...extraArgs],
      stack.envFor(name, { PIXDROP_CONCURRENCY: '3', ...extraEnv }),
      30_000,
    );
    expect(result.code, result.stderr).toBe(0);
    expect(ndjson(result.stdout).at(-1)).toMatchObject({ type: 'summary', uploaded: PHOTOS, failed: 0 });
  };

  it('keeps the server-side rate near the limit, flag or environment, and is much slower than no limit', { timeout: 40_000 }, async () => {
    const free = await measureRate(stack, () => upload('Unlimited', 1, [], {}));
    const flag = await measureRate(stack, () => upload('Flag', 50_000, ['--bwlimit', String(LIMIT)], {}));
    const env = await measureRate(stack, () => upload('Env', 90_000, [], { PIXDROP_BWLIMIT: String(LIMIT) }));
    const show = (m: { bytes: number; seconds: number; rate: number }) =>
      `${m.bytes} B in ${m.seconds.toFixed(2)} s = ${(m.rate / LIMIT).toFixed(2)}× the limit`;
    console.log(`limit ${LIMIT} B/s, ${PHOTOS} photos 3 at a time — none: ${show(free)}; --bwlimit: ${show(flag)}; PIXDROP_BWLIMIT: ${show(env)}`);

    for (const limited of [flag, env]) {
      expect(limited.bytes).toBeGreaterThanOrEqual(PHOTOS * PHOTO_BYTES);
      expect(limited.rate).toBeLessThanOrEqual(LIMIT * 1.15);
      expect(limited.rate).toBeGreaterThanOrEqual(LIMIT * 0.6);
    }
    expect(free.rate).toBeGreaterThan(LIMIT * 2);
  });
});
