import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { HEAD_BYTES, createPhotoReader, type PhotoReader } from '../../../src/main/engine/read/reader-thread';
import { fixturesDir, tempDir } from '../../helpers';

const photos = fixturesDir;
let dir: string;
let reader: PhotoReader;

const sha1 = (bytes: Buffer) => createHash('sha1').update(bytes).digest('hex');

beforeAll(async () => {
  dir = tempDir('pixdrop-reader-');
  reader = createPhotoReader();
});
afterAll(async () => {
  await reader.close();
});

describe('the photo reading thread', () => {
  it.each(['cameras/canon-eos-1300d.jpg', 'cameras/nikon-e950.jpg', 'raw/canon-eos-r6.CR3'])('reads %s once: its SHA-1, its head, its size', async (name) => {
    const file = path.join(photos, name);
    const bytes = await readFile(file);
    const read = await reader.read(file);
    try {
      expect(read.regular).toBe(true);
      expect(read.size).toBe(bytes.length);
      expect(read.bytes).toBe(bytes.length);
      expect(read.sha1).toBe(sha1(bytes));
      expect(read.head.equals(bytes.subarray(0, HEAD_BYTES))).toBe(true);
      expect(read.tail.equals(bytes.subarray(-16))).toBe(true);
    } finally {
      read.release();
    }
  });

  it('finds the last JPEG end marker, also when it sits across two reads', async () => {
    const body = Buffer.alloc(HEAD_BYTES + 10, 0x11);
    body[0] = 0xff;
    body[1] = 0xd8;
    body[HEAD_BYTES - 1] = 0xff; // FF at the end of the head, D9 first in the next read
    body[HEAD_BYTES] = 0xd9;
    const file = path.join(dir, 'straddle.jpg');
    await writeFile(file, body);
    const read = await reader.read(file);
    read.release();
    expect(read.lastEndOfImage).toBe(HEAD_BYTES - 1);

    const cut = path.join(dir, 'cut.jpg');
    await writeFile(cut, body.subarray(0, HEAD_BYTES - 1));
    const cutRead = await reader.read(cut);
    cutRead.release();
    expect(cutRead.lastEndOfImage).toBe(-1);
  });

  it('keeps the file system error code for a missing file, and reads nothing from a folder or a pipe', async () => {
    await expect(reader.read(path.join(dir, 'gone.jpg'))).rejects.toMatchObject({ code: 'ENOENT' });
    const pipe = path.join(dir, 'pipe.jpg');
    execFileSync('mkfifo', [pipe]); // no writer ever opens it: a blocking open would wait forever
    for (const target of [dir, pipe]) {
      const read = await reader.read(target);
      read.release();
      expect(read.regular).toBe(false);
      expect(read.bytes).toBe(0);
    }
  });

  it('answers an abort at once and goes on reading the next photos', async () => {
    const big = path.join(dir, 'big.jpg');
    await writeFile(big, Buffer.alloc(64 * 1024 * 1024, 0x22));
    const controller = new AbortController();
    const pending = reader.read(big, { signal: controller.signal });
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    const file = path.join(photos, 'cameras/nikon-e950.jpg');
    const reads = await Promise.all(Array.from({ length: 12 }, () => reader.read(file)));
    const expected = sha1(await readFile(file));
    expect(reads.map((r) => r.sha1)).toEqual(Array(12).fill(expected));
    reads.forEach((r) => r.release());
  });

  it('starts a new thread after the old one is gone', async () => {
    const file = path.join(photos, 'cameras/nikon-e950.jpg');
    await reader.close();
    const read = await reader.read(file);
    read.release();
    expect(read.sha1).toBe(sha1(await readFile(file)));
  });

  it('gives up a read whose disk stops answering, and the next photos go to a new thread', async () => {
    // A disk that stops answering cannot be made here, so this thread stands in for one: it
    // notes that it started, then blocks for good on its first photo, as a read stuck in the kernel does.
    const starts = path.join(dir, 'thread-starts.txt');
    const stuckDisk = `(() => {
      const { parentPort } = process.getBuiltinModule('node:worker_threads');
      process.getBuiltinModule('node:fs').appendFileSync(${JSON.stringify(starts)}, 'started\\n');
      parentPort.on('message', () => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0));
    })()`;
    const stuck = createPhotoReader({ stallMs: 300, threadSource: stuckDisk });
    try {
      const started = Date.now();
      const [first, second] = await Promise.allSettled([stuck.read('/nas/IMG_0001.CR3'), stuck.read('/nas/IMG_0002.CR3')]);
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(first).toMatchObject({
        status: 'rejected',
        reason: { code: 'NETWORK', message: expect.stringMatching(/Reading \/nas\/IMG_0001\.CR3 got no answer from its disk/) },
      });
      expect(second).toMatchObject({ status: 'rejected', reason: { code: 'NETWORK', message: expect.stringMatching(/IMG_0002\.CR3 was waiting behind/) } });
      await expect(stuck.read('/nas/IMG_0003.CR3')).rejects.toMatchObject({ code: 'NETWORK' });
      // The fresh thread notes its start when it runs, which on a loaded machine can be after the stall watch gave up.
      await vi.waitFor(async () => expect((await readFile(starts, 'utf8')).trim().split('\n')).toHaveLength(2), { timeout: 5_000 });
    } finally {
      await stuck.close();
    }
  });
});
