/**
 * A laptop goes to sleep in the middle of a chunk: the `pixdrop` process is frozen (SIGSTOP)
 * while a chunk's bytes are arriving, stays frozen longer than its own stall timeout and longer
 * than the server's patience (the server drops the half-sent request), then wakes up (SIGCONT).
 * It finishes by itself, the photo is once in its album and once in the store with the right
 * bytes, and what was sent again is at most the chunk that was cut.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ndjson, startCli } from '../../helpers/cli';
import { requireBuiltCli } from '../../helpers/paths';
import { tempDir } from '../../helpers/stack';
import { exactlyOnceReport, makePhotos, sleep, startSurvivalStack, waitFor, type Photo, type SurvivalStack } from './harness';

const CHUNK = 5_242_880;
const SIZE = 14_000_000; // three chunks
const STALL_TIMEOUT_MS = 2_000;
const SERVER_PATIENCE_MS = 2_500;
const ASLEEP_MS = 5_000;
/** Multipart framing and signed fields of one request: far below this. */
const FRAMING_PER_REQUEST = 4_096;

describe('a laptop sleeping mid-chunk', () => {
  let stack: SurvivalStack;
  let photo: Photo;
  let folder: string;
  beforeAll(async () => {
    requireBuiltCli();
    stack = await startSurvivalStack({}, { cloudinaryIdleTimeoutMs: SERVER_PATIENCE_MS });
    folder = path.join(tempDir('pixdrop-sleep-photos-'), 'Night train');
    [photo] = makePhotos(folder, [{ name: 'PANO_0001.jpg', size: SIZE }], 31);
  });
  afterAll(() => stack?.close());

  it('resumes after waking up, re-sending at most the chunk that was cut', { timeout: 60_000 }, async () => {
    const chunks: { contentRange: string | null; socket: import('node:net').Socket; bytesAtArrival: number }[] = [];
    stack.cloudinary.setUploadHook(({ contentRange, req }) => {
      chunks.push({ contentRange, socket: req.socket, bytesAtArrival: stack.cloudinary.stats().bytesReceived });
      return null;
    });
    // 3 MB/s: a chunk takes ~1.7 s, long enough to freeze the process inside one.
    const env = stack.envFor('sleep', { PIXDROP_CHUNK_SIZE: String(CHUNK), PIXDROP_BWLIMIT: '3000000', PIXDROP_STALL_TIMEOUT_MS: String(STALL_TIMEOUT_MS) });
    const running = startCli(['upload', folder, '--album-from-folder', '--json'], env);
    try {
      // Half a megabyte into the second chunk.
      await waitFor(
        () => chunks.length >= 2 && stack.cloudinary.stats().bytesReceived - chunks[1].bytesAtArrival > 500_000,
        30_000,
        'the second chunk to be arriving',
      );
      running.child.kill('SIGSTOP');
      const frozenAt = stack.cloudinary.stats().bytesReceived;
      const cut = chunks[1];
      await sleep(ASLEEP_MS);
      expect(cut.socket.destroyed, 'the server should have dropped the half-sent chunk').toBe(true);
      expect(stack.cloudinary.stats().bytesReceived - frozenAt, 'a frozen process sends nothing').toBeLessThan(512 * 1024);
      running.child.kill('SIGCONT');
      const result = await Promise.race([running.done, sleep(40_000).then(() => null)]);
      expect(result, 'the process did not finish by itself after waking up').not.toBeNull();

      const received = stack.cloudinary.stats().bytesReceived;
      const resent = received - SIZE;
      console.log(
        `requests: ${chunks.map((c) => c.contentRange).join(', ')}; received ${received} bytes for ${SIZE}: re-sent ${resent} ` +
          `(cut mid-chunk after ${frozenAt - cut.bytesAtArrival} bytes of it)`,
      );
      expect(result!.code, `${result!.stderr}\n${result!.stdout.slice(-2000)}`).toBe(0);
      expect(ndjson(result!.stdout).at(-1)).toMatchObject({ type: 'summary', uploaded: 1, failed: 0 });
      const [mine] = exactlyOnceReport(stack, [photo]).perPhoto;
      expect(mine.records).toBe(1);
      expect(mine.assets).toBe(1);
      expect(mine.storedSha1).toBe(photo.sha1);
      // The chunk in flight went again from its start; the confirmed one did not.
      expect(chunks.filter((c) => c.contentRange?.startsWith('bytes 0-'))).toHaveLength(1);
      expect(chunks.length).toBe(4);
      expect(resent).toBeGreaterThan(0);
      expect(resent).toBeLessThanOrEqual(CHUNK + chunks.length * FRAMING_PER_REQUEST);
    } finally {
      stack.cloudinary.setUploadHook(null);
      if (running.child.exitCode === null) {
        running.child.kill('SIGCONT');
        running.child.kill('SIGKILL');
      }
    }
  });
});
