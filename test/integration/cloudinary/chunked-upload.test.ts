import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uploadFile, type UploadProgress } from '../../../src/main/engine/cloudinary/upload';
import type { CloudinaryServer } from '../../../src/main/localstack/cloudinary-server';
import { failureOf, sha1Of, signerFor, startServer, tempDir, writeRandomFile } from './helpers';

const gc = (() => {
  v8.setFlagsFromString('--expose-gc');
  return vm.runInNewContext('gc') as () => void;
})();

/**
 * Peak RSS growth, sampled every 50 ms right after a forced GC, so garbage that is merely not
 * collected yet counts as little as possible.
 */
function sampleMemory() {
  const rssAfterGc = () => {
    gc();
    return process.memoryUsage().rss;
  };
  const start = rssAfterGc();
  let peak = start;
  const timer = setInterval(() => (peak = Math.max(peak, rssAfterGc())), 50);
  return { stop: () => clearInterval(timer), growth: () => peak - start };
}

const SIZE = 40 * 1024 * 1024; // 41,943,040 bytes → 7 chunks of 6,000,000 (the last 5,943,040)
const CHUNK = 6_000_000;

describe('chunked upload of a 40 MB file', () => {
  const temp = tempDir('cld-chunks');
  const bigFile = path.join(temp.dir, 'big-panorama.tif');
  let bigSha1: string;
  let server: CloudinaryServer;
  beforeAll(async () => {
    await writeRandomFile(bigFile, SIZE);
    bigSha1 = await sha1Of(bigFile);
    server = await startServer(temp.dir);
  });
  afterAll(async () => {
    await server.close();
    temp.remove();
  });

  const baseOptions = (publicId: string) => ({
    path: bigFile,
    size: SIZE,
    filename: 'big-panorama.tif',
    params: { type: 'authenticated', public_id: publicId },
    signer: signerFor(server),
    chunkSize: CHUNK,
  });
  const storedSha1 = (publicId: string) => sha1Of(server.listAssets().find((a) => a.public_id === publicId)!.filePath);

  it('sends ≥ 7 sequential chunks with one id, assembles identical bytes, with flat memory', async () => {
    const acknowledged: UploadProgress[] = [];
    let lastProgress = 0;
    let progressWentBack = false;
    const chunkRequestsBefore = server.stats().chunkRequests;
    const memory = sampleMemory();
    const result = await uploadFile({
      ...baseOptions('pixdrop/big'),
      onChunkAcknowledged: (p) => void acknowledged.push(p),
      onProgress: (done) => {
        if (done < lastProgress) progressWentBack = true;
        lastProgress = done;
      },
    }).finally(() => memory.stop());

    expect(result.bytes).toBe(SIZE);
    expect(server.stats().chunkRequests - chunkRequestsBefore).toBe(7);
    expect(await storedSha1('pixdrop/big')).toBe(bigSha1);
    // The id is announced (offset 0) before the first byte, then once per non-final chunk.
    expect(acknowledged.map((p) => p.bytesConfirmed)).toEqual([0, 1, 2, 3, 4, 5, 6].map((i) => i * CHUNK));
    expect(new Set(acknowledged.map((p) => p.uploadId)).size).toBe(1);
    expect(acknowledged[0].uploadId).toMatch(/^[0-9a-f]{32}$/);
    expect(progressWentBack).toBe(false);
    expect(lastProgress).toBe(SIZE);
    // Client and server share this process. At loopback speed RSS still grows by about 40 MB of
    // read/receive buffers freed but not yet returned to the OS — the same for 130 MB files, so it does
    // not scale with the file. Holding the file on both sides (≥ 2 × 40 MB) would break this bound.
    const rssGrowth = memory.growth();
    console.info(`RSS growth during the 40 MB upload: ${(rssGrowth / 1e6).toFixed(1)} MB`);
    expect(rssGrowth).toBeLessThan(1.5 * SIZE);
  });

  it('resumes after an abort mid-chunk, re-sending at most that one chunk', async () => {
    const controller = new AbortController();
    let saved: UploadProgress | null = null;
    const before = server.stats().chunkRequests;
    const aborted = await failureOf(() =>
      uploadFile({
        ...baseOptions('pixdrop/resumed'),
        signal: controller.signal,
        onChunkAcknowledged: (p) => void (saved = p),
        onProgress: (done) => done > 3.5 * CHUNK && controller.abort(),
      }),
    );
    expect(aborted.code).toBe('ABORTED');
    expect(aborted.details?.aborted).toBe(true);
    expect(saved).toEqual({ uploadId: expect.any(String), bytesConfirmed: 3 * CHUNK });

    const resumedIds: string[] = [];
    const result = await uploadFile({ ...baseOptions('pixdrop/resumed'), resume: saved, onChunkAcknowledged: (p) => void resumedIds.push(p.uploadId) });
    expect(result.bytes).toBe(SIZE);
    // 7 planned chunks + the one cut off by the abort, nothing more.
    expect(server.stats().chunkRequests - before).toBeLessThanOrEqual(8);
    expect(new Set(resumedIds)).toEqual(new Set([saved!.uploadId]));
    expect(await storedSha1('pixdrop/resumed')).toBe(bigSha1);
  });

  it('keeps partial chunks across a server restart', async () => {
    let saved: UploadProgress | null = null;
    const controller = new AbortController();
    await failureOf(() =>
      uploadFile({
        ...baseOptions('pixdrop/restart'),
        signal: controller.signal,
        onChunkAcknowledged: (p) => {
          saved = p;
          if (p.bytesConfirmed === 2 * CHUNK) controller.abort();
        },
      }),
    );
    await server.close();
    server = await startServer(temp.dir);
    const before = server.stats().chunkRequests;
    const result = await uploadFile({ ...baseOptions('pixdrop/restart'), signer: signerFor(server), resume: saved });
    expect(result.bytes).toBe(SIZE);
    expect(server.stats().chunkRequests - before).toBe(5);
    expect(await storedSha1('pixdrop/restart')).toBe(bigSha1);
  });

  it('starts again at byte 0 with a new id when the server lost the partial upload', async () => {
    const lost: UploadProgress = { uploadId: 'f'.repeat(32), bytesConfirmed: 4 * CHUNK };
    const reported: UploadProgress[] = [];
    const result = await uploadFile({ ...baseOptions('pixdrop/lost'), resume: lost, onChunkAcknowledged: (p) => void reported.push(p) });
    expect(result.bytes).toBe(SIZE);
    expect(reported[0].bytesConfirmed).toBe(0);
    expect(reported[0].uploadId).not.toBe(lost.uploadId);
    expect(await storedSha1('pixdrop/lost')).toBe(bigSha1);
    expect(server.listAssets().filter((a) => a.public_id === 'pixdrop/lost')).toHaveLength(1);
  });
});
