/**
 * A 120 MB photo with 6 MB chunks: streamed in ≥ 20 parts with flat memory; killed with
 * SIGKILL in the middle and started again, it continues where it stopped (re-sent bytes ≤ one
 * chunk per interruption) and is registered exactly once.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ndjson, runCli, startCli } from '../../helpers/cli';
import { requireBuiltCli, waitFor } from '../../helpers';
import { writeBigJpeg, sha1Of } from '../../helpers/photos';
import { startTestStack, tempDir, type TestStack } from '../../helpers/stack';
import { mkdirSync } from 'node:fs';

const SIZE = 120_000_000;
const CHUNK = 6_000_000;

describe('a 120 MB photo in 6 MB chunks', () => {
  let stack: TestStack;
  let photoDir: string;
  let bigSha1: string;
  beforeAll(async () => {
    requireBuiltCli();
    stack = await startTestStack();
    photoDir = path.join(tempDir(), 'Big shoot');
    mkdirSync(photoDir, { recursive: true });
    bigSha1 = writeBigJpeg(path.join(photoDir, 'huge.jpg'), SIZE);
  });
  afterAll(() => stack?.close());

  it('streams with flat memory compared to an idle engine', async () => {
    const env = { ...stack.env, PIXDROP_CHUNK_SIZE: String(CHUNK) };
    const album = 'memory-album';
    await stack.backend.issueToken({ userId: 'photographer-1', albumIds: [album] }); // creates the album
    // Idle reference: the same engine uploading one small photo.
    const smallDir = path.join(tempDir(), 'small');
    mkdirSync(smallDir);
    writeBigJpeg(path.join(smallDir, 'small.jpg'), 200_000, 7);
    const idle = await runCli(['upload', smallDir, '--album', album, '--json'], { ...env, PIXDROP_DATA_DIR: path.join(stack.dir, 'idle') });
    expect(idle.code, idle.stderr).toBe(0);

    const before = stack.cloudinary.stats().chunkRequests;
    const big = await runCli(['upload', photoDir, '--album', album, '--json'], { ...env, PIXDROP_DATA_DIR: path.join(stack.dir, 'mem') });
    expect(big.code, big.stderr).toBe(0);
    expect(stack.cloudinary.stats().chunkRequests - before).toBeGreaterThanOrEqual(20);
    const growth = (big.peakRss ?? 0) - (idle.peakRss ?? 0);
    console.log(
      `peak RSS: idle engine ${(idle.peakRss! / 1e6).toFixed(1)} MB, 120 MB upload ${(big.peakRss! / 1e6).toFixed(1)} MB, growth ${(growth / 1e6).toFixed(1)} MB`,
    );
    expect(idle.peakRss).not.toBeNull();
    expect(growth).toBeLessThan(40_000_000);
    const asset = stack.cloudinary.listAssets().find((a) => a.public_id === `pixdrop/${bigSha1}`);
    expect(asset?.bytes).toBe(SIZE);
    expect(sha1Of(asset!.filePath)).toBe(bigSha1);
  });

  it('continues after SIGKILL at the first unacknowledged chunk and registers once', async () => {
    const env = { ...stack.env, PIXDROP_CHUNK_SIZE: String(CHUNK), PIXDROP_DATA_DIR: path.join(stack.dir, 'kill') };
    const album = 'resume-album';
    await stack.backend.issueToken({ userId: 'photographer-1', albumIds: [album] });
    const startBytes = stack.cloudinary.stats().bytesReceived;
    const startPosts = stack.backend.stats().imagePosts;
    const kills = 3;
    for (let k = 0; k < kills; k += 1) {
      const running = startCli(['upload', photoDir, '--album', album, '--json'], env);
      const target = stack.cloudinary.stats().chunkRequests + 3 + k;
      await waitFor(() => stack.cloudinary.stats().chunkRequests >= target, 60_000, `chunk request ${target}`);
      running.child.kill('SIGKILL');
      const result = await running.done;
      expect(result.signal).toBe('SIGKILL');
    }
    const final = await runCli(['upload', photoDir, '--album', album, '--json'], env);
    expect(final.code, final.stderr).toBe(0);
    expect(ndjson(final.stdout).at(-1)).toMatchObject({ type: 'summary', failed: 0 });

    // The asset was already stored by the first test: what matters here is what was re-sent.
    const received = stack.cloudinary.stats().bytesReceived - startBytes;
    const resent = received - SIZE;
    console.log(`received ${received} bytes for a ${SIZE}-byte photo after ${kills} kills: re-sent ${resent} (${((resent / SIZE) * 100).toFixed(1)} %)`);
    expect(resent).toBeLessThanOrEqual(kills * CHUNK + 64 * 1024); // one chunk per interruption (+ multipart framing)
    const records = stack.backend.listImages().filter((r) => r.album_id === album);
    expect(records).toHaveLength(1);
    expect(stack.backend.stats().imagePosts - startPosts).toBe(1);
  });
});
