/**
 * 50,000 photos in ONE folder, through a real `pixdrop upload`: every entry is walked, queued,
 * hashed and given a final status; the run exits 0, its summary and `pixdrop status --json`
 * both account for all 50,000, the album holds every distinct photo once, and the process's
 * peak memory stays bounded.
 *
 * Uploading 50,000 distinct photos through the local servers takes far longer than a test
 * should here (measured: see DISTINCT), so most entries are hard links to a few thousand
 * distinct photos: same content under another name, which the engine hashes and then finds
 * already in the album. The directory still has 50,000 entries and each one goes the whole way.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ndjson, runCli } from '../../helpers/cli';
import { requireBuiltCli } from '../../helpers/paths';
import { tempDir } from '../../helpers/stack';
import { exactlyOnceReport, libraryIntegrity, startSurvivalStack, writeTinyJpegs, type Photo, type SurvivalStack } from './harness';

const ENTRIES = 50_000;
/**
 * Measured here (2 cores): distinct small photos upload at ~110 per second through the local
 * servers (2,000 in 18 s), so 50,000 distinct would take 8 minutes; 50,000 entries of which
 * 1,000 distinct take ~100 s in all, most of it hashing and settling the 49,000 twins.
 */
const DISTINCT = 1_000;
/**
 * Generous: healthy runs peaked at 520–640 MB here (the engine plus garbage not yet collected); a
 * per-file leak goes far beyond (exifr keeping one options object per photo: 2.6 GB).
 */
const PEAK_MEMORY_LIMIT = 1024 * 1024 * 1024;

describe('50,000 files in one folder', () => {
  let stack: SurvivalStack;
  let folder: string;
  let photos: Photo[];
  beforeAll(async () => {
    requireBuiltCli();
    stack = await startSurvivalStack();
    folder = path.join(tempDir('pixdrop-50k-photos-'), 'Archive');
    const started = Date.now();
    photos = await writeTinyJpegs(folder, ENTRIES, DISTINCT);
    console.log(`wrote ${ENTRIES} entries (${DISTINCT} distinct) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }, 120_000);
  afterAll(() => stack?.close());

  // Long on purpose: 50,000 entries walked, recorded, hashed and settled, and thousands of real uploads.
  it('uploads or skips every one of them, with bounded memory', { timeout: 600_000 }, async () => {
    const env = stack.envFor('fifty-thousand');
    const started = Date.now();
    const result = await runCli(['upload', folder, '--album-from-folder', '--json'], env, 540_000);
    const seconds = (Date.now() - started) / 1000;
    const summary = ndjson(result.stdout).at(-1) as { type: string; uploaded: number; skipped: number; failed: number };
    console.log(
      `pixdrop upload of ${ENTRIES} entries: ${seconds.toFixed(1)} s, peak memory ${((result.peakRss ?? 0) / 1048576).toFixed(0)} MB, ` +
        `summary ${JSON.stringify(summary)}; image POSTs ${stack.backend.stats().imagePosts}`,
    );
    expect(result.code, result.stderr).toBe(0);
    expect(summary).toMatchObject({ type: 'summary', uploaded: DISTINCT, failed: 0 });
    expect(summary.uploaded + summary.skipped).toBe(ENTRIES);

    const status = await runCli(['status', '--json'], env);
    expect(status.code, status.stderr).toBe(0);
    const queue = JSON.parse(status.stdout) as { total: number; by_status: Record<string, number>; failed: unknown[] };
    expect(queue.total).toBe(ENTRIES);
    // Settled, every one: uploaded or found already in the album (done), or a same-content twin (skipped).
    const unsettled = Object.entries(queue.by_status).filter(([status, n]) => n > 0 && status !== 'done' && status !== 'skipped');
    expect(unsettled).toEqual([]);
    expect((queue.by_status.done ?? 0) + (queue.by_status.skipped ?? 0)).toBe(ENTRIES);
    expect(queue.failed).toEqual([]);

    const report = exactlyOnceReport(stack, photos);
    expect(report.perPhoto.filter((p) => p.records !== 1 || p.assets !== 1)).toEqual([]);
    expect(report.records).toBe(DISTINCT);
    expect(stack.backend.stats().imagePosts).toBe(DISTINCT);
    expect(libraryIntegrity(env.PIXDROP_DATA_DIR as string)).toBe('ok');

    expect(result.peakRss, 'peak memory could not be read from /proc').not.toBeNull();
    expect(result.peakRss!).toBeLessThan(PEAK_MEMORY_LIMIT);
  });
});
