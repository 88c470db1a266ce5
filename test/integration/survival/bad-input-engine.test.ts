/**
 * Engine-level bad input, through the real `pixdrop upload` process: a photo that vanishes or
 * is replaced while it is being sent, answers that are cut in half, a server that takes the
 * request and never answers (stall timeout, made short with PIXDROP_STALL_TIMEOUT_MS), and a
 * refused token. Each gives its status and a message; the engine carries on with the rest; and
 * nothing ends up twice in the album. (Empty, truncated, non-photo, unreadable files, odd names
 * and loops are covered by test/integration/scan.)
 */
import Database from 'better-sqlite3';
import { appendFileSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ndjson, runCli, startCli } from '../../helpers/cli';
import { requireBuiltCli } from '../../helpers/paths';
import { sha1Of, writeBigJpeg } from '../../helpers/photos';
import { tempDir } from '../../helpers/stack';
import { exactlyOnceReport, makePhotos, startSurvivalStack, waitFor, type SurvivalStack } from './harness';

const CHUNK = 5_242_880;

interface JobFacts {
  status: string;
  error_code: string | null;
  error_message: string | null;
}

function jobsIn(dataDir: string): JobFacts[] {
  try {
    const db = new Database(path.join(dataDir, 'library.sqlite'), { readonly: true, fileMustExist: true });
    try {
      return db.prepare('SELECT status, error_code, error_message FROM jobs ORDER BY id').all() as JobFacts[];
    } finally {
      db.close();
    }
  } catch {
    return []; // not created yet
  }
}

describe('bad input and bad answers, engine level', () => {
  let stack: SurvivalStack;
  let root: string;
  beforeAll(async () => {
    requireBuiltCli();
    stack = await startSurvivalStack();
    root = tempDir('pixdrop-bad-input-');
  });
  afterAll(() => stack?.close());

  it('a photo deleted while it is being sent fails with FILE_GONE; the others go on', async () => {
    const folder = path.join(root, 'Vanishing');
    const [big, ...small] = makePhotos(
      folder,
      [
        { name: 'GONE.jpg', size: 20_000_000 },
        { name: 'STAY_1.jpg', size: 300_000 },
        { name: 'STAY_2.jpg', size: 310_000 },
      ],
      100,
    );
    const env = stack.envFor('vanish', { PIXDROP_CHUNK_SIZE: String(CHUNK), PIXDROP_BWLIMIT: '3000000' });
    const chunks = stack.cloudinary.stats().chunkRequests;
    const running = startCli(['upload', folder, '--album-from-folder', '--json'], env);
    await waitFor(() => stack.cloudinary.stats().chunkRequests > chunks, 20_000, 'the first chunk');
    rmSync(big.path);
    const result = await running.done;
    expect(result.code, result.stderr).toBe(1);
    const events = ndjson(result.stdout);
    const failed = events.filter((e) => e.type === 'file-failed');
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({ path: big.path, error: { code: 'FILE_GONE' } });
    expect((failed[0].error as { message: string }).message).toContain('GONE.jpg');
    expect(events.at(-1)).toMatchObject({ type: 'summary', uploaded: 2, failed: 1 });
    const report = exactlyOnceReport(stack, [big, ...small]);
    expect(report.perPhoto.map((p) => p.records)).toEqual([0, 1, 1]);
  });

  it('a photo replaced while it is being sent is read again and sent as it is now', async () => {
    const folder = path.join(root, 'Edited');
    const [photo] = makePhotos(folder, [{ name: 'EDIT.jpg', size: 20_000_000 }], 200);
    const replacement = path.join(root, 'EDIT-new.jpg');
    const newSha1 = writeBigJpeg(replacement, 19_000_000, 201);
    const env = stack.envFor('modified', { PIXDROP_CHUNK_SIZE: String(CHUNK), PIXDROP_BWLIMIT: '3000000' });
    const chunks = stack.cloudinary.stats().chunkRequests;
    const running = startCli(['upload', folder, '--album-from-folder', '--json'], env);
    await waitFor(() => stack.cloudinary.stats().chunkRequests > chunks, 20_000, 'the first chunk');
    renameSync(replacement, photo.path); // how an editor saves: the new version replaces the old
    const result = await running.done;
    expect(result.code, result.stderr).toBe(0);
    expect(ndjson(result.stdout).at(-1)).toMatchObject({ type: 'summary', uploaded: 1, failed: 0 });
    const report = exactlyOnceReport(stack, [photo, { ...photo, sha1: newSha1 }]);
    expect(report.perPhoto.map((p) => [p.records, p.assets])).toEqual([
      [0, 0],
      [1, 1],
    ]);
    expect(report.perPhoto[1].storedSha1).toBe(newSha1);
    expect(sha1Of(photo.path)).toBe(newSha1);
  });

  it('half answers (malformed JSON) are retried, and the registration is not repeated', async () => {
    const folder = path.join(root, 'Garbled');
    const photos = makePhotos(folder, [{ name: 'G1.jpg', size: 400_000 }], 300);
    const env = stack.envFor('malformed');
    const posts = stack.backend.stats().imagePosts;
    stack.cloudinary.setFaults({ malformed: 1 });
    const running = startCli(['upload', folder, '--album-from-folder', '--json'], env);
    try {
      await waitFor(() => jobsIn(env.PIXDROP_DATA_DIR as string).some((j) => j.error_code === 'BAD_RESPONSE'), 20_000, 'Cloudinary half answer');
      const fromCloudinary = jobsIn(env.PIXDROP_DATA_DIR as string)[0];
      stack.cloudinary.setFaults({});
      // The registration's answer is garbled (the questions asked before it are not).
      stack.backend.setFaults({ malformed: 1, methods: ['POST'] });
      await waitFor(() => stack.backend.stats().imagePosts > posts, 20_000, 'the registration');
      await waitFor(() => /album backend/.test(jobsIn(env.PIXDROP_DATA_DIR as string)[0]?.error_message ?? ''), 20_000, 'the backend half answer');
      const fromBackend = jobsIn(env.PIXDROP_DATA_DIR as string)[0];
      stack.backend.setFaults({});
      console.log(`Cloudinary half answer → ${JSON.stringify(fromCloudinary)}\nbackend half answer → ${JSON.stringify(fromBackend)}`);
      expect(fromCloudinary.status).toMatch(/waiting|queued|uploading/);
      expect(fromCloudinary.error_message).toMatch(/Cloudinary answered with something unexpected.*retried automatically/);
      expect(fromBackend.error_code).toBe('BAD_RESPONSE');
    } finally {
      stack.cloudinary.setFaults({});
      stack.backend.setFaults({});
    }
    const result = await running.done;
    expect(result.code, result.stderr).toBe(0);
    expect(exactlyOnceReport(stack, photos).perPhoto[0].records).toBe(1);
    expect(stack.backend.stats().imagePosts - posts).toBe(1); // the record the garbled answer hid was found, not posted again
  });

  // Cloudinary (a stalled transfer) and the album backend (an unanswered call) alike.
  const silentServers = [
    { server: 'cloudinary', name: 'a server', folder: 'Silent', size: 500_000, seed: 400, said: /stalled/ },
    { server: 'backend', name: 'an album backend', folder: 'Mute backend', size: 400_000, seed: 450, said: /album backend/ },
  ] as const;
  it.each(silentServers)('$name that takes the request and never answers is given up after the stall timeout, then retried', async (c) => {
    const folder = path.join(root, c.folder);
    const photos = makePhotos(folder, [{ name: `${c.server}-1.jpg`, size: c.size }], c.seed);
    const env = stack.envFor(`stall-${c.server}`, { PIXDROP_STALL_TIMEOUT_MS: '1500' });
    const faulty = c.server === 'cloudinary' ? stack.cloudinary : stack.backend;
    faulty.setFaults({ hang: 1 });
    const startedAt = Date.now();
    const running = startCli(['upload', folder, '--album-from-folder', '--json'], env);
    let stalled: JobFacts | undefined;
    try {
      const given = () => jobsIn(env.PIXDROP_DATA_DIR as string).find((j) => j.error_code === 'NETWORK' && c.said.test(j.error_message ?? ''));
      await waitFor(() => (stalled = given()) !== undefined, 20_000, `the ${c.server} timeout`);
    } finally {
      faulty.setFaults({});
    }
    const seconds = (Date.now() - startedAt) / 1000;
    const result = await running.done;
    console.log(
      `${c.server} given up ${seconds.toFixed(1)} s after start: ${JSON.stringify(stalled)}; run ended after ${((Date.now() - startedAt) / 1000).toFixed(1)} s`,
    );
    expect(stalled).toMatchObject({ error_code: 'NETWORK' });
    expect(stalled?.error_message).toMatch(c.said);
    expect(seconds).toBeLessThan(10);
    expect(result.code, result.stderr).toBe(0);
    expect(exactlyOnceReport(stack, photos).perPhoto[0]).toMatchObject({ records: 1, assets: 1 });
  });

  it('a photo found half-copied (the copy stalled) is looked at again, not failed, and sent whole once the copy ends', async () => {
    const folder = path.join(root, 'Stalled copy');
    const [photo] = makePhotos(path.join(root, 'stalled-source'), [{ name: 'HALF.jpg', size: 600_000 }], 600);
    const bytes = readFileSync(photo!.path);
    mkdirSync(folder, { recursive: true });
    const target = path.join(folder, 'HALF.jpg');
    writeFileSync(target, bytes.subarray(0, bytes.length / 2));
    const env = stack.envFor('stalled-copy');
    const running = startCli(['upload', folder, '--album-from-folder', '--json'], env);
    let seen: JobFacts | undefined;
    await waitFor(
      () => (seen = jobsIn(env.PIXDROP_DATA_DIR as string).find((j) => j.error_code === 'FILE_CHANGED')) !== undefined,
      15_000,
      'the half-copied photo',
    );
    appendFileSync(target, bytes.subarray(bytes.length / 2));
    const result = await running.done;
    const events = ndjson(result.stdout);
    console.log(`half-copied photo → ${JSON.stringify(seen)}; then exit ${result.code}`);
    expect(seen?.status).toBe('waiting');
    expect(seen?.error_message).toMatch(/still being copied/);
    expect(result.code, result.stderr).toBe(0);
    expect(events.filter((e) => e.type === 'file-failed')).toEqual([]);
    expect(events.at(-1)).toMatchObject({ type: 'summary', uploaded: 1, failed: 0 });
    expect(exactlyOnceReport(stack, [{ ...photo!, path: target }]).perPhoto[0]).toMatchObject({ records: 1, assets: 1, storedSha1: photo!.sha1 });
  });

  it('a refused token stops the run with one clear message, drops nothing, and a new token resumes', async () => {
    const folder = path.join(root, 'Locked');
    const photos = makePhotos(
      folder,
      [
        { name: 'L1.jpg', size: 300_000 },
        { name: 'L2.jpg', size: 320_000 },
      ],
      500,
    );
    const refused = await runCli(
      ['upload', folder, '--album-from-folder', '--json'],
      stack.envFor('auth', { PIXDROP_API_TOKEN: 'eyJhbGciOiJIUzI1NiJ9.eyJ1c2VyX2lkIjoieCJ9.bad-signature' }),
      30_000,
    );
    console.log(`refused token → exit ${refused.code}: ${refused.stderr.trim()}`);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/refused our credentials \(HTTP 40[13]\).*token/);
    expect(refused.stderr).not.toContain('bad-signature');
    const jobs = jobsIn(stack.envFor('auth').PIXDROP_DATA_DIR as string);
    expect(jobs).toHaveLength(2);
    expect(jobs.every((j) => j.status !== 'failed')).toBe(true);

    const resumed = await runCli(['upload', folder, '--album-from-folder', '--json'], stack.envFor('auth'), 30_000);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(ndjson(resumed.stdout).at(-1)).toMatchObject({ type: 'summary', uploaded: 2, failed: 0 });
    expect(exactlyOnceReport(stack, photos).perPhoto.map((p) => p.records)).toEqual([1, 1]);
  });
});

describe('credentials refused while the engine runs (desktop and serve hosts)', () => {
  it('pauses everything with one notice, fails nothing, and resumes on a new token', async () => {
    const { createEngine } = await import('../../../src/main/engine');
    const { resolveConfig } = await import('../../../src/main/engine/config');
    const { silentLogger } = await import('../../../src/main/engine/logger');
    const stack = await startSurvivalStack();
    try {
      const folder = path.join(tempDir('pixdrop-auth-engine-'), 'Studio');
      const photos = makePhotos(
        folder,
        [
          { name: 'A1.jpg', size: 300_000 },
          { name: 'A2.jpg', size: 310_000 },
          { name: 'A3.jpg', size: 320_000 },
        ],
        600,
      );
      const env = stack.envFor('auth-engine', { PIXDROP_API_TOKEN: 'not-a-valid-token' });
      mkdirSync(env.PIXDROP_DATA_DIR as string, { recursive: true });
      const engine = await createEngine({ config: resolveConfig({ env }), logger: silentLogger });
      const notices: string[] = [];
      engine.onEvent((e) => {
        if (e.type === 'notice' && e.code === 'AUTH') notices.push(e.message);
      });
      try {
        await engine.start();
        const { jobIds } = await engine.enqueuePaths([folder], { albumFromFolder: true });
        await waitFor(() => notices.length > 0, 15_000, 'the AUTH notice');
        // Uploads are not claimed while credentials are refused: once every job is back in the queue (the
        // transfers under way when the refusal came have met it too), nothing more can fail or repeat the notice.
        await vi.waitFor(
          async () => {
            const s = await engine.getStatus();
            expect(s.ok && s.value.queue.byStatus).toMatchObject({ queued: 3, hashing: 0, uploading: 0, registering: 0 });
          },
          { timeout: 15_000, interval: 25 },
        );
        const status = await engine.getStatus();
        expect(status.ok && status.value.connection.state).toBe('auth-required');
        expect(notices).toHaveLength(1);
        expect(notices[0]).toMatch(/refused our credentials.*token/);
        const failed = await engine.listJobs({ filter: 'failed' });
        expect(failed.ok && failed.value.total).toBe(0);

        const updated = await engine.updateSettings({ token: stack.token });
        expect(updated.ok).toBe(true);
        await Promise.race([engine.waitUntilSettled(jobIds), new Promise((_, reject) => setTimeout(() => reject(new Error('did not resume')), 20_000))]);
        const done = await engine.listJobs({ filter: 'done' });
        expect(done.ok && done.value.total).toBe(3);
      } finally {
        await engine.stop();
      }
      expect(exactlyOnceReport(stack, photos).perPhoto.map((p) => p.records)).toEqual([1, 1, 1]);
    } finally {
      await stack.close();
    }
  });
});
