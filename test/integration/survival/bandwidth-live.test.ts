/**
 * The bandwidth limit changed while an upload runs: `pixdrop bwlimit RATE` saves it and signals the
 * running `pixdrop upload` (its control channel), which takes it for the transfer already under way. Measured
 * where it counts, the bytes the server receives over time; the photo goes in one request, so a
 * restarted transfer would show as a second request and as bytes received twice.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ndjson, runCli, startCli } from '../../helpers/cli';
import { requireBuiltCli } from '../../helpers/paths';
import { tempDir } from '../../helpers/stack';
import { makePhotos, startSurvivalStack, type SurvivalStack } from './harness';

const SLOW = 400 * 1024; // --bwlimit 400k
const FAST = 4 * 1024 * 1024; // then 4M
const PHOTO_BYTES = 3_000_000;

interface Sample {
  at: number;
  bytes: number;
}

/** Bytes per second between the first sample at or past `from` bytes and the first at or past `to`. */
function rateBetween(samples: Sample[], from: number, to: number): number {
  const start = samples.find((s) => s.bytes >= from)!;
  const end = samples.find((s) => s.bytes >= to)!;
  return (end.bytes - start.bytes) / ((end.at - start.at) / 1000);
}

async function until(check: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('the bandwidth limit changed while uploading', () => {
  let stack: SurvivalStack;
  beforeAll(async () => {
    requireBuiltCli();
    stack = await startSurvivalStack();
  });
  afterAll(() => stack?.close());

  it('applies to the transfer under way, without restarting it', { timeout: 60_000 }, async () => {
    const folder = path.join(tempDir('pixdrop-bwlive-'), 'Live');
    makePhotos(folder, [{ name: 'IMG_LIVE.jpg', size: PHOTO_BYTES }], 7);
    const env = stack.envFor('live');
    const before = stack.cloudinary.stats();
    const received = () => stack.cloudinary.stats().bytesReceived - before.bytesReceived;
    const samples: Sample[] = [];
    const sampler = setInterval(() => samples.push({ at: performance.now(), bytes: received() }), 10);
    try {
      const upload = startCli(['upload', folder, '--album-from-folder', '--json', '--bwlimit', '400k'], env);
      // 1 MB at the slow rate (~2.5 s), then the new limit.
      await until(() => received() >= 1_000_000, 'the first megabyte');
      const changed = await runCli(['bwlimit', '4M'], env);
      expect(changed.code, changed.stderr).toBe(0);
      expect(changed.stdout).toMatch(/saved bandwidth limit: 4M .*the PixDrop running now follows it at once/);
      const switchedAt = received();
      const result = await upload.done;
      expect(result.code, result.stderr).toBe(0);
      expect(ndjson(result.stdout).at(-1)).toMatchObject({ type: 'summary', uploaded: 1, failed: 0 });

      const slow = rateBetween(samples, 200_000, 900_000);
      const fast = rateBetween(samples, switchedAt + 200_000, PHOTO_BYTES);
      console.log(`400k (${SLOW} B/s) measured ${Math.round(slow)} B/s; after \`pixdrop bwlimit 4M\` at ${switchedAt} B: ${Math.round(fast)} B/s`);
      expect(slow).toBeLessThanOrEqual(SLOW * 1.15);
      expect(slow).toBeGreaterThanOrEqual(SLOW * 0.7);
      expect(fast).toBeGreaterThan(SLOW * 3);
      expect(fast).toBeLessThanOrEqual(FAST * 1.15);
    } finally {
      clearInterval(sampler);
    }
    // One request carried the photo: nothing was restarted, nothing sent twice.
    const after = stack.cloudinary.stats();
    expect(after.uploadRequests - before.uploadRequests).toBe(1);
    expect(received()).toBeLessThan(PHOTO_BYTES + 10_000);
  });

  it('follows a limit changed through the settings API (the app, serve) for the transfer under way', { timeout: 60_000 }, async () => {
    const { createEngine } = await import('../../../src/main/engine');
    const { resolveConfig } = await import('../../../src/main/engine/config');
    const { silentLogger } = await import('../../../src/main/engine/logger');
    const folder = path.join(tempDir('pixdrop-bwapi-'), 'Api');
    makePhotos(folder, [{ name: 'IMG_API.jpg', size: PHOTO_BYTES }], 11);
    const env = stack.envFor('api', { PIXDROP_BWLIMIT: '400k' });
    mkdirSync(env.PIXDROP_DATA_DIR as string, { recursive: true });
    const engine = await createEngine({ config: resolveConfig({ env }), logger: silentLogger });
    const before = stack.cloudinary.stats();
    const received = () => stack.cloudinary.stats().bytesReceived - before.bytesReceived;
    const samples: Sample[] = [];
    const sampler = setInterval(() => samples.push({ at: performance.now(), bytes: received() }), 10);
    try {
      await engine.start();
      const { jobIds } = await engine.enqueuePaths([folder], { albumFromFolder: true });
      await until(() => received() >= 1_000_000, 'the first megabyte');
      const saved = await engine.updateSettings({ bwlimit: '4M' });
      expect(saved.ok && saved.value.bwlimit).toBe('4M');
      const switchedAt = received();
      await engine.waitUntilSettled(jobIds);
      const slow = rateBetween(samples, 200_000, 900_000);
      const fast = rateBetween(samples, switchedAt + 200_000, PHOTO_BYTES);
      console.log(`settings API: 400k measured ${Math.round(slow)} B/s; after updateSettings({bwlimit:'4M'}): ${Math.round(fast)} B/s`);
      expect(slow).toBeLessThanOrEqual(SLOW * 1.15);
      expect(fast).toBeGreaterThan(SLOW * 3);
      const done = await engine.listJobs({ filter: 'all' });
      expect(done.ok && done.value.jobs.map((j) => j.status)).toEqual(['done']);
    } finally {
      clearInterval(sampler);
      await engine.stop();
    }
    expect(stack.cloudinary.stats().uploadRequests - before.uploadRequests).toBe(1);
    expect(received()).toBeLessThan(PHOTO_BYTES + 10_000);
  });
});
