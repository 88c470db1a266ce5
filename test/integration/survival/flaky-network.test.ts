/**
 * A hotel network: 15 % of Cloudinary requests answer 500, 5 % answer 420 (rate limit), 5 % are
 * cut mid-body; 10 % of album-backend requests fail (500, or the work is done and the answer
 * lost). The batch still ends with every photo once in its album and once in the store, no file
 * failed, and the retries cost at most 1.5× the requests of the same batch on a clean network
 * (measured here, with the same sizes).
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ndjson, runCli } from '../../helpers/cli';
import { requireBuiltCli } from '../../helpers/paths';
import { tempDir } from '../../helpers/stack';
import { exactlyOnceReport, makePhotos, smallBatch, startSurvivalStack, type Photo, type SurvivalStack } from './harness';

const CHUNK = 5_242_880;
const specs = [...smallBatch(20), { name: 'PANO_1.jpg', size: 16_000_000 }, { name: 'PANO_2.jpg', size: 12_000_000 }, { name: 'PANO_3.jpg', size: 11_000_000 }];

const requests = (stack: SurvivalStack) => stack.cloudinary.stats().requests + stack.backend.stats().requests;

describe('a batch on a flaky network', () => {
  let stack: SurvivalStack;
  let clean: Photo[];
  let flaky: Photo[];
  let cleanDir: string;
  let flakyDir: string;
  beforeAll(async () => {
    requireBuiltCli();
    stack = await startSurvivalStack();
    const root = tempDir('pixdrop-flaky-photos-');
    cleanDir = path.join(root, 'Clean day');
    flakyDir = path.join(root, 'Hotel wifi');
    clean = makePhotos(cleanDir, specs, 1);
    flaky = makePhotos(flakyDir, specs, 500_000); // same sizes, other content
  });
  afterAll(() => stack?.close());

  it('completes exactly once within 1.5× the fault-free request count', async () => {
    const before = requests(stack);
    const first = await runCli(['upload', cleanDir, '--album-from-folder', '--json'], stack.envFor('clean', { PIXDROP_CHUNK_SIZE: String(CHUNK) }), 80_000);
    expect(first.code, first.stderr).toBe(0);
    const faultFree = requests(stack) - before;

    stack.cloudinary.setFaults({ error500: 0.15, error420: 0.05, reset: 0.05, retryAfterSeconds: 1, seed: 20251 });
    stack.backend.setFaults({ error500: 0.05, lostAnswer: 0.05, seed: 777 });
    const postsBefore = stack.backend.stats().imagePosts;
    const recordsBefore = stack.backend.listImages().length;
    const started = requests(stack);
    const startedAt = Date.now();
    const run = await runCli(['upload', flakyDir, '--album-from-folder', '--json'], stack.envFor('flaky', { PIXDROP_CHUNK_SIZE: String(CHUNK) }), 85_000);
    const seconds = (Date.now() - startedAt) / 1000;
    const faulty = requests(stack) - started;
    const injected = { cloudinary: stack.cloudinary.stats().faults, backend: stack.backend.stats().faults };
    stack.cloudinary.setFaults({});
    stack.backend.setFaults({});
    console.log(
      `fault-free: ${faultFree} requests; flaky: ${faulty} requests (${(faulty / faultFree).toFixed(2)}×) in ${seconds.toFixed(1)} s; injected ${JSON.stringify(injected)}`,
    );

    expect(run.code, `${run.stderr}\n${run.stdout.slice(-2000)}`).toBe(0);
    expect(ndjson(run.stdout).at(-1)).toMatchObject({ type: 'summary', uploaded: flaky.length, failed: 0 });
    const report = exactlyOnceReport(stack, flaky);
    for (const p of report.perPhoto) {
      expect(p.records, path.basename(p.photo.path)).toBe(1);
      expect(p.assets, path.basename(p.photo.path)).toBe(1);
      expect(p.storedSha1, path.basename(p.photo.path)).toBe(p.photo.sha1);
    }
    expect(stack.backend.listImages().length - recordsBefore).toBe(flaky.length);
    // The backend does not deduplicate: each POST that reached it would be one more record.
    const posts = stack.backend.stats().imagePosts - postsBefore;
    console.log(`image POSTs: ${posts} for ${flaky.length} photos (POSTs answered 500 before any work are counted too)`);
    expect(injected.cloudinary.error500 + injected.cloudinary.error420 + injected.cloudinary.reset).toBeGreaterThan(0);
    expect(injected.backend.error500 + injected.backend.lostAnswer).toBeGreaterThan(0);
    expect(faulty).toBeLessThanOrEqual(Math.ceil(faultFree * 1.5));
  });
});
