/**
 * Pause and cancel that land while a photo is on the wire: the real engine against the real local
 * servers, the upload slowed by the bandwidth limit. The command's status is kept (the step's own
 * result no longer applies: compare-and-set in library/jobs.ts), the transfer stops, a paused photo
 * resumes where it stopped and a cancelled one is sent only when it is added again — once.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobView } from '../../../src/shared/api';
import { createEngine } from '../../../src/main/engine';
import { resolveConfig } from '../../../src/main/engine/config';
import { silentLogger } from '../../../src/main/engine/logger';
import type { Engine } from '../../../src/main/engine/types';
import { writeBigJpeg } from '../../helpers/photos';
import { startTestStack, tempDir, type TestStack } from '../../helpers/stack';
import { waitFor } from '../survival/harness';

const CHUNK = 5_242_880;
const BIG = 16_000_000;

describe('pause and cancel during an upload', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack();
  });
  afterAll(() => stack?.close());

  async function engineWith(name: string): Promise<Engine> {
    const env = { ...stack.env, PIXDROP_DATA_DIR: path.join(stack.dir, name), PIXDROP_CHUNK_SIZE: String(CHUNK), PIXDROP_BWLIMIT: '4000000' };
    mkdirSync(env.PIXDROP_DATA_DIR, { recursive: true });
    const engine = await createEngine({ config: resolveConfig({ env }), logger: silentLogger });
    await engine.start();
    return engine;
  }

  const jobOf = async (engine: Engine, id: number): Promise<JobView> => {
    const page = await engine.listJobs({ filter: 'all', limit: 100 });
    if (!page.ok) throw new Error(page.error.message);
    return page.value.jobs.find((j) => j.id === id)!;
  };
  const untilBytesMove = (more: number) => {
    const start = stack.cloudinary.stats().bytesReceived;
    return waitFor(() => stack.cloudinary.stats().bytesReceived > start + more, 20_000, 'bytes on the wire');
  };
  const recordsOf = (sha1: string) =>
    stack.backend.listImages().filter((r) => (r.infos as { public_id?: string } | undefined)?.public_id === `pixdrop/${sha1}`);

  it('keeps a pause that lands mid-transfer; the photo resumes at its last chunk and is registered once', async () => {
    const folder = path.join(tempDir(), 'Paused shoot');
    mkdirSync(folder);
    const sha1 = writeBigJpeg(path.join(folder, 'big.jpg'), BIG, 41);
    const engine = await engineWith('pause');
    try {
      const { jobIds } = await engine.enqueuePaths([folder], { albumFromFolder: true });
      await untilBytesMove(CHUNK + 1_000_000); // past the first acknowledged chunk, into the second
      const paused = await engine.pauseJobs(jobIds);
      expect(paused).toEqual({ ok: true, value: { paused: 1 } });
      // pauseJobs answers once the transfer stopped: whatever the aborted step reported has been handled by now.
      const stopped = await jobOf(engine, jobIds[0]!);
      expect(stopped.status).toBe('paused');
      expect(stopped.bytesDone).toBeGreaterThanOrEqual(CHUNK);
      const receivedAtPause = stack.cloudinary.stats().bytesReceived;

      expect(await engine.resumeJobs(jobIds)).toEqual({ ok: true, value: { resumed: 1 } });
      await engine.waitUntilSettled(jobIds);
      expect((await jobOf(engine, jobIds[0]!)).status).toBe('done');
      const resent = stack.cloudinary.stats().bytesReceived - receivedAtPause - (BIG - stopped.bytesDone);
      console.log(`paused at ${stopped.bytesDone} of ${BIG} bytes confirmed; after resume ${resent} bytes were sent again`);
      expect(resent).toBeLessThanOrEqual(CHUNK + 64 * 1024);
      expect(recordsOf(sha1)).toHaveLength(1);
    } finally {
      await engine.stop();
    }
  });

  it('keeps a cancel that lands mid-transfer: the transfer stops, the others go on, and it is sent only when added again', async () => {
    const folder = path.join(tempDir(), 'Cancelled shoot');
    mkdirSync(folder);
    const bigSha1 = writeBigJpeg(path.join(folder, 'big.jpg'), BIG, 51);
    const smallSha1 = writeBigJpeg(path.join(folder, 'small.jpg'), 300_000, 52);
    const engine = await engineWith('cancel');
    try {
      const first = await engine.enqueuePaths([folder], { albumFromFolder: true });
      await untilBytesMove(1_000_000);
      const jobs = await Promise.all(first.jobIds.map((id) => jobOf(engine, id)));
      const big = jobs.find((j) => j.filename === 'big.jpg')!;
      expect(await engine.cancelJobs([big.id])).toEqual({ ok: true, value: { cancelled: 1 } });
      expect((await jobOf(engine, big.id)).status).toBe('cancelled');

      await engine.waitUntilSettled(first.jobIds);
      expect((await jobOf(engine, big.id)).status).toBe('cancelled');
      const inStore = (sha1: string) => stack.cloudinary.listAssets().filter((a) => a.public_id === `pixdrop/${sha1}`).length;
      expect([inStore(bigSha1), inStore(smallSha1)]).toEqual([0, 1]);

      // Added again: a new chance, uploaded once.
      const again = await engine.enqueuePaths([folder], { albumFromFolder: true });
      expect(again.queued).toBe(1);
      await engine.waitUntilSettled(again.jobIds);
      expect((await jobOf(engine, big.id)).status).toBe('done');
      expect([inStore(bigSha1), inStore(smallSha1)]).toEqual([1, 1]);
      expect([recordsOf(bigSha1).length, recordsOf(smallSha1).length]).toEqual([1, 1]);
    } finally {
      await engine.stop();
    }
  });

  it('cancels every unfinished job at once with cancelJobs("all")', async () => {
    const folder = path.join(tempDir(), 'Cancel all');
    mkdirSync(folder);
    writeBigJpeg(path.join(folder, 'one.jpg'), BIG, 61);
    writeBigJpeg(path.join(folder, 'two.jpg'), BIG, 62);
    const engine = await engineWith('cancel-all');
    try {
      const { jobIds } = await engine.enqueuePaths([folder], { albumFromFolder: true });
      await untilBytesMove(500_000);
      expect(await engine.cancelJobs('all')).toEqual({ ok: true, value: { cancelled: 2 } });
      await engine.waitUntilSettled(jobIds);
      expect((await Promise.all(jobIds.map((id) => jobOf(engine, id)))).map((j) => j.status)).toEqual(['cancelled', 'cancelled']);
    } finally {
      await engine.stop();
    }
  });
});
