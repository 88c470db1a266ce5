/**
 * Cloudinary says "slow down" (420, or 429) with Retry-After: 3 in the middle of a batch uploaded
 * three at a time, while a big chunked photo is half-way through. The whole queue pauses: no
 * upload request from any worker reaches the server during those 3 s (requests already on the
 * wire when the answer left may still finish), then the batch completes exactly once and the
 * run says it was rate-limited.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ndjson, runCli } from '../../helpers/cli';
import { requireBuiltCli } from '../../helpers/paths';
import { tempDir } from '../../helpers/stack';
import { exactlyOnceReport, makePhotos, smallBatch, startSurvivalStack, type Photo, type SurvivalStack } from './harness';

const CHUNK = 5_242_880;
const RETRY_AFTER_S = 3;
/** A request the client sent before it could have read the answer is not a breach of the pause. */
const IN_FLIGHT_TOLERANCE_MS = 400;

interface Arrival {
  at: number;
  index: number;
  chunk: boolean;
}

/** Records every upload request, answers one plain upload `status` once a chunked upload is under way. */
function rateLimitOnce(stack: SurvivalStack, status: 420 | 429) {
  const arrivals: Arrival[] = [];
  const limited: { sentAt: number | null; index: number | null } = { sentAt: null, index: null };
  stack.cloudinary.setFaults({ retryAfterSeconds: RETRY_AFTER_S });
  stack.cloudinary.setUploadHook(({ index, at, contentRange, res }) => {
    arrivals.push({ at, index, chunk: contentRange !== null });
    const chunkUnderWay = arrivals.some((a) => a.chunk);
    if (limited.index !== null || contentRange !== null || !chunkUnderWay) return null;
    limited.index = index;
    res.once('finish', () => (limited.sentAt = Date.now()));
    return status === 420 ? 'error420' : 'error429';
  });
  return { arrivals, limited };
}

describe('a rate limit pauses the whole queue', () => {
  let stack: SurvivalStack;
  let root: string;
  beforeAll(async () => {
    requireBuiltCli();
    stack = await startSurvivalStack();
    root = tempDir('pixdrop-ratelimit-photos-');
  });
  afterAll(() => stack?.close());

  for (const [n, status] of [
    [1, 420],
    [2, 429],
  ] as const) {
    it(`honours Retry-After on HTTP ${status} for every worker`, { timeout: 60_000 }, async () => {
      const folder = path.join(root, `Studio ${status}`);
      const photos: Photo[] = makePhotos(folder, [{ name: 'PANO.jpg', size: 12_000_000 }, ...smallBatch(16, 300_000)], n * 100_000);
      const { arrivals, limited } = rateLimitOnce(stack, status);
      const dataDir = `ratelimit-${status}`;
      // 3 MB/s in all: without a pause the small photos would keep arriving through the whole
      // Retry-After window, and the chunked one is still going when the pause starts.
      const env = stack.envFor(dataDir, { PIXDROP_CHUNK_SIZE: String(CHUNK), PIXDROP_CONCURRENCY: '3', PIXDROP_BWLIMIT: '3000000' });
      const run = await runCli(['upload', folder, '--album-from-folder', '--json'], env, 50_000);
      stack.cloudinary.setUploadHook(null);

      expect(run.code, `${run.stderr}\n${run.stdout.slice(-2000)}`).toBe(0);
      expect(limited.sentAt, 'the rate limit was never answered').not.toBeNull();
      const events = ndjson(run.stdout);
      expect(events.at(-1)).toMatchObject({ type: 'summary', uploaded: photos.length, failed: 0 });
      const report = exactlyOnceReport(stack, photos);
      for (const p of report.perPhoto) {
        expect(p.records, path.basename(p.photo.path)).toBe(1);
        expect(p.assets, path.basename(p.photo.path)).toBe(1);
        expect(p.storedSha1, path.basename(p.photo.path)).toBe(p.photo.sha1);
      }
      // What the user sees: the live state says so, and the log says for how long.
      expect(events.some((e) => e.type === 'progress' && e.connection === 'rate-limited')).toBe(true);
      // What a person reads: one notice saying why nothing moves, and that it resumes by itself.
      expect(events.filter((e) => e.type === 'notice' && /slow down: uploads pause for \d+ s/.test(String(e.message)))).toHaveLength(1);
      const log = readFileSync(path.join(env.PIXDROP_DATA_DIR as string, 'logs', 'pixdrop.log'), 'utf8');
      expect(log).toMatch(new RegExp(`rate limited: the queue pauses for ${RETRY_AFTER_S} s`));

      const sentAt = limited.sentAt as number;
      const timeline = arrivals.map((a) => `#${a.index}${a.chunk ? 'c' : ''}@${a.at - sentAt}`).join(' ');
      console.log(`HTTP ${status} answered to request #${limited.index}; arrivals (ms after it, c = chunk): ${timeline}`);
      const duringPause = arrivals.filter((a) => a.at > sentAt + IN_FLIGHT_TOLERANCE_MS && a.at < sentAt + RETRY_AFTER_S * 1000);
      expect(
        duringPause.filter((a) => !a.chunk),
        `new files started during the pause: ${timeline}`,
      ).toEqual([]);
      expect(
        duringPause.filter((a) => a.chunk),
        `a running chunked upload sent its next chunk during the pause: ${timeline}`,
      ).toEqual([]);
      const resumedAt = arrivals.find((a) => a.at >= sentAt + RETRY_AFTER_S * 1000)?.at;
      expect(resumedAt, 'nothing was sent after the pause').toBeDefined();
      expect((resumedAt as number) - sentAt).toBeLessThan(RETRY_AFTER_S * 1000 + 2_000);
    });
  }
});
