/**
 * A RAW+JPEG pair whose RAW takes several chunks (the fixture NEF with 30 MB of image data after its IFDs),
 * killed with SIGKILL while the RAW is on its way: the next run continues the RAW at its last confirmed chunk
 * (as the album photo's own file does), and Cloudinary ends with one RAW asset, linked from one album photo.
 */
import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIN_CHUNK_SIZE } from '../../../src/main/engine/config';
import { ndjson, runCli, startCli } from '../../helpers/cli';
import { requireBuiltCli, sha1Of, waitFor } from '../../helpers/index';
import { startTestStack, watchUploads, type TestStack } from '../../helpers/stack';
import { pairsDir } from '../../helpers/videos';

const CHUNK = MIN_CHUNK_SIZE;
const RAW_SIZE = 6 * CHUNK + 123_457;

describe('a pair whose RAW is sent in chunks', () => {
  let stack: TestStack;
  let folder: string;
  let chunkStarts: number[] = [];
  beforeAll(async () => {
    requireBuiltCli();
    stack = await startTestStack();
    chunkStarts = watchUploads(stack.cloudinary).chunkStarts;
    folder = path.join(stack.dir, 'Shoot');
    mkdirSync(folder);
    copyFileSync(path.join(pairsDir, 'raw-jpeg/DSC_0042.JPG'), path.join(folder, 'DSC_0042.JPG'));
    const nef = readFileSync(path.join(pairsDir, 'raw-jpeg/DSC_0042.NEF'));
    writeFileSync(path.join(folder, 'DSC_0042.NEF'), Buffer.concat([nef, randomBytes(RAW_SIZE - nef.length)]));
  });
  afterAll(() => stack?.close());

  it('continues the RAW after SIGKILL at its last confirmed chunk; one RAW asset, one album photo linking it', async () => {
    // 20 MB/s: the RAW takes ~1.5 s, so the kill lands well before its last chunk on a loaded machine too.
    const env = { ...stack.env, PIXDROP_CHUNK_SIZE: String(CHUNK), PIXDROP_BWLIMIT: '20000000' };
    const args = ['upload', folder, '--album-from-folder', '--json'];
    const jpegSize = readFileSync(path.join(folder, 'DSC_0042.JPG')).length;
    const running = startCli(args, env);
    // The JPEG goes first in one request; then the RAW's chunks: die in the middle of its third.
    await waitFor(
      () => chunkStarts.length >= 3 && stack.cloudinary.stats().bytesReceived >= jpegSize + 2.5 * CHUNK,
      60_000,
      'the RAW half-way through its third chunk',
    );
    running.child.kill('SIGKILL');
    expect((await running.done).signal).toBe('SIGKILL');
    const firstRunChunks = chunkStarts.length;

    const final = await runCli(args, env);
    expect(final.code, final.stderr).toBe(0);
    expect(ndjson(final.stdout).at(-1)).toMatchObject({ type: 'summary', uploaded: 1, failed: 0 });
    const resumedAt = chunkStarts[firstRunChunks];
    const resent = stack.cloudinary.stats().bytesReceived - jpegSize - RAW_SIZE;
    console.log(`RAW of ${RAW_SIZE} B in ${CHUNK}-byte chunks: the run after the kill started it at ${resumedAt}; re-sent ${resent} B`);
    expect(resumedAt).toBeGreaterThanOrEqual(2 * CHUNK);
    expect(resent).toBeLessThanOrEqual(CHUNK + 64 * 1024); // the chunk in flight and the forms

    const rawId = `pixdrop/${sha1Of(path.join(folder, 'DSC_0042.NEF'))}`;
    const raws = stack.cloudinary.listAssets().filter((a) => a.public_id === rawId);
    expect(raws).toHaveLength(1);
    expect(raws[0]).toMatchObject({ bytes: RAW_SIZE, writes: 1 });
    expect(sha1Of(raws[0]!.filePath)).toBe(rawId.slice('pixdrop/'.length));
    const records = stack.backend.listImages();
    expect(records).toHaveLength(1);
    expect(records[0]!.metadatas).toMatchObject({ raw_public_id: rawId });
  });
});
