/**
 * A 60 MB video in 6 MB chunks, killed with SIGKILL twice mid-upload and started again: it continues where it
 * stopped (at most one chunk re-sent per kill), arrives whole as one Cloudinary video and one album record.
 */
import { closeSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import { createHash, randomBytes } from 'node:crypto';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ndjson, runCli, startCli } from '../../helpers/cli';
import { requireBuiltCli, waitFor } from '../../helpers';
import { startTestStack, type TestStack } from '../../helpers/stack';
import { videosDir } from '../../helpers/videos';

const SIZE = 60_000_000;
const CHUNK = 6_000_000;

/** A real QuickTime movie followed by one 'free' atom of random bytes up to `size` (a valid movie of that size). */
function writeBigMovie(target: string, size: number): string {
  const movie = readFileSync(path.join(videosDir, 'sample_iTunes.mov'));
  const fd = openSync(target, 'w');
  const hash = createHash('sha1');
  const write = (b: Buffer) => {
    writeSync(fd, b);
    hash.update(b);
  };
  write(movie);
  const header = Buffer.alloc(8);
  header.writeUInt32BE(size - movie.length, 0);
  header.write('free', 4, 'latin1');
  write(header);
  for (let left = size - movie.length - 8; left > 0; left -= 1 << 20) write(randomBytes(Math.min(left, 1 << 20)));
  closeSync(fd);
  return hash.digest('hex');
}

describe('a 60 MB video in 6 MB chunks', () => {
  let stack: TestStack;
  let folder: string;
  let sha1: string;
  beforeAll(async () => {
    requireBuiltCli();
    stack = await startTestStack();
    folder = path.join(stack.dir, 'Clips');
    mkdirSync(folder);
    sha1 = writeBigMovie(path.join(folder, 'long.mov'), SIZE);
  });
  afterAll(() => stack?.close());

  it('continues after SIGKILL at the first unacknowledged chunk and arrives once as a video', async () => {
    const env = { ...stack.env, PIXDROP_CHUNK_SIZE: String(CHUNK) };
    const kills = 2;
    for (let k = 0; k < kills; k += 1) {
      const running = startCli(['upload', folder, '--album-from-folder', '--json'], env);
      const target = stack.cloudinary.stats().chunkRequests + 3;
      await waitFor(() => stack.cloudinary.stats().chunkRequests >= target, 60_000, 'three more chunks');
      running.child.kill('SIGKILL');
      expect((await running.done).signal).toBe('SIGKILL');
    }
    const final = await runCli(['upload', folder, '--album-from-folder', '--json'], env);
    expect(final.code, final.stderr).toBe(0);
    expect(ndjson(final.stdout).at(-1)).toMatchObject({ type: 'summary', failed: 0 });
    const received = stack.cloudinary.stats().bytesReceived;
    console.log(`received ${received} bytes for a ${SIZE}-byte video after ${kills} kills: re-sent ${received - SIZE}`);
    expect(received - SIZE).toBeLessThanOrEqual(kills * CHUNK + 64 * 1024);
    const assets = stack.cloudinary.listAssets();
    expect(assets).toHaveLength(1);
    expect(assets[0]).toMatchObject({ public_id: `pixdrop/${sha1}`, bytes: SIZE, format: 'mov', writes: 1 });
    const records = stack.backend.listImages();
    expect(records).toHaveLength(1);
    expect(records[0]!.infos).toMatchObject({ resource_type: 'video' });
    expect(records[0]!.metadatas).toMatchObject({ duration: '85.5', sha1 });
  });
});
