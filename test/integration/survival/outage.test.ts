/**
 * The servers go away for a minute in the middle of a batch (both closed, connections cut) and
 * come back on the same ports with the same storage. Meanwhile no file is marked failed; once
 * they are back the run resumes by itself within ~10 s and ends with every photo exactly once.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ndjson, startCli } from '../../helpers/cli';
import { requireBuiltCli } from '../../helpers/paths';
import { tempDir } from '../../helpers/stack';
import { exactlyOnceReport, jobCounts, makePhotos, sleep, smallBatch, startSurvivalStack, waitFor, type Photo, type SurvivalStack } from './harness';

const CHUNK = 5_242_880;
const OUTAGE_MS = 60_000;

describe('the servers down for a minute', () => {
  let stack: SurvivalStack;
  let photos: Photo[];
  let folder: string;
  beforeAll(async () => {
    requireBuiltCli();
    stack = await startSurvivalStack();
    folder = path.join(tempDir('pixdrop-outage-photos-'), 'Trip');
    photos = makePhotos(folder, [...smallBatch(24), { name: 'LONG_1.jpg', size: 16_000_000 }], 7000);
  });
  afterAll(() => stack?.close());

  it('waits without failing anything and resumes within ~10 s of their return', { timeout: 150_000 }, async () => {
    const env = stack.envFor('outage', { PIXDROP_CHUNK_SIZE: String(CHUNK), PIXDROP_BWLIMIT: '1500000' });
    const running = startCli(['upload', folder, '--album-from-folder', '--json'], env);
    await waitFor(() => stack.backend.stats().imagePosts >= 5, 30_000, 'the first registrations');
    const postsBefore = stack.backend.stats().imagePosts;
    await stack.stop();
    const downAt = Date.now();

    const samples: Record<string, number>[] = [];
    while (Date.now() - downAt < OUTAGE_MS) {
      await sleep(5_000);
      samples.push(jobCounts(env.PIXDROP_DATA_DIR as string));
    }
    expect(running.child.exitCode).toBeNull(); // still there, waiting
    await stack.restart();
    const backAt = Date.now();
    await waitFor(() => stack.cloudinary.stats().uploadRequests > 0 || stack.backend.stats().imagePosts > 0, 20_000, 'the first upload after the outage');
    const resumedAfter = (Date.now() - backAt) / 1000;
    const result = await Promise.race([running.done, sleep(60_000).then(() => null)]);
    if (!result) running.child.kill('SIGKILL');
    console.log(
      `during the outage (every 5 s): ${samples.map((s) => JSON.stringify(s)).join(' ')}\n` +
        `first upload ${resumedAfter.toFixed(1)} s after the servers came back; run ended ${((Date.now() - backAt) / 1000).toFixed(1)} s after`,
    );
    expect(samples.every((s) => !s.failed)).toBe(true);
    expect(resumedAfter).toBeLessThanOrEqual(10);
    expect(result?.code, result?.stderr).toBe(0);
    const events = ndjson(result!.stdout);
    expect(events.at(-1)).toMatchObject({ type: 'summary', uploaded: photos.length, failed: 0 });
    const report = exactlyOnceReport(stack, photos);
    for (const p of report.perPhoto) {
      expect(p.records, path.basename(p.photo.path)).toBe(1);
      expect(p.storedSha1, path.basename(p.photo.path)).toBe(p.photo.sha1);
    }
    expect(postsBefore + stack.backend.stats().imagePosts).toBeLessThanOrEqual(photos.length + 1);
  });
});
