/**
 * SIGKILL at any instant: a batch of big chunked photos and many small ones is killed ten times
 * at random moments (during the scan/hashing, mid-chunk, right when the album backend receives a
 * registration) and started again. In the end every photo is once in its album and once in the
 * store, the client POSTed once per photo, and the library is intact. The bytes sent again
 * because of the kills are printed.
 *
 * Every kill must land while work remains, however fast the engine gets: a wait for the next
 * chunks or registrations (which can run through whole big photos) also ends as soon as only
 * RESERVE photos are left to register, so the work is never used up before the twelfth kill.
 */
import Database from 'better-sqlite3';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ndjson, runCli, startCli } from '../../helpers/cli';
import { requireBuiltCli } from '../../helpers/paths';
import { tempDir } from '../../helpers/stack';
import { exactlyOnceReport, makePhotos, sleep, smallBatch, startSurvivalStack, waitFor, type Photo, type SurvivalStack } from './harness';

const CHUNK = 5_242_880;
const KILLS = 12;
/** Photos kept unregistered until the last kill. */
const RESERVE = 3;
const specs = [
  ...smallBatch(40),
  { name: 'BIG_1.jpg', size: 24_000_000 },
  { name: 'BIG_2.jpg', size: 18_000_000 },
  { name: 'BIG_3.jpg', size: 14_000_000 },
  { name: 'BIG_4.jpg', size: 20_000_000 },
];

/** A repeatable sequence, so a failure can be replayed. */
function seeded(seed: number) {
  let s = seed;
  return () => (s = (s * 16807) % 2147483647) / 2147483647;
}

describe('SIGKILL at random instants', () => {
  let stack: SurvivalStack;
  let photos: Photo[];
  let folder: string;
  beforeAll(async () => {
    requireBuiltCli();
    stack = await startSurvivalStack();
    folder = path.join(tempDir('pixdrop-kill-photos-'), 'Wedding');
    photos = makePhotos(folder, specs, 42);
  });
  afterAll(() => stack?.close());

  it('ends with every photo exactly once after 12 kills and restarts', async () => {
    // Slow enough (bandwidth limit) that the kills land in the middle of the work.
    const env = stack.envFor('kill', { PIXDROP_CHUNK_SIZE: String(CHUNK), PIXDROP_BWLIMIT: String(4_500_000) });
    const args = ['upload', folder, '--album-from-folder', '--json'];
    const random = seeded(9001);
    const moments: string[] = [];
    const nearlyDone = () => stack.backend.stats().imagePosts >= photos.length - RESERVE;
    for (let k = 0; k < KILLS; k += 1) {
      const running = startCli(args, env);
      const chunks = stack.cloudinary.stats().chunkRequests;
      const posts = stack.backend.stats().imagePosts;
      const ended = () => running.child.exitCode !== null || nearlyDone();
      const kind = k % 3;
      if (kind === 0) {
        await waitFor(ended, 300 + random() * 2200, 'the random moment').catch(() => undefined);
        moments.push('at a random time');
      } else if (kind === 1) {
        const target = chunks + 1 + Math.floor(random() * 3);
        await waitFor(() => stack.cloudinary.stats().chunkRequests >= target || ended(), 20_000, 'a chunk').catch(() => undefined);
        if (!nearlyDone()) await sleep(random() * 200);
        moments.push('mid-chunk');
      } else {
        const target = posts + 1 + Math.floor(random() * 4);
        await waitFor(() => stack.backend.stats().imagePosts >= target || ended(), 20_000, 'a registration').catch(() => undefined);
        moments.push('as a registration arrives');
      }
      moments[moments.length - 1] += ` [${stack.backend.stats().imagePosts} registered]`;
      if (k === 3) {
        // A second process on the same data dir says so and waits instead of sharing the library.
        const second = startCli(args, env);
        let said = '';
        second.child.stderr?.on('data', (d) => (said += d));
        await waitFor(() => /another PixDrop is using/.test(said) || second.child.exitCode !== null, 10_000, 'the second process to wait').catch(
          () => undefined,
        );
        second.child.kill('SIGKILL');
        const result = await second.done;
        expect(result.stderr).toMatch(/another PixDrop is using .*waiting/);
      }
      running.child.kill('SIGKILL');
      const result = await running.done;
      if (result.signal !== 'SIGKILL') moments[moments.length - 1] += ` (already finished: exit ${result.code})`;
    }
    const realKills = moments.filter((m) => !m.includes('already finished')).length;
    const bytesBeforeFinal = stack.cloudinary.stats().bytesReceived;
    const final = await runCli(args, { ...env, PIXDROP_BWLIMIT: '' }, 80_000);
    expect(final.code, final.stderr).toBe(0);
    expect(ndjson(final.stdout).at(-1)).toMatchObject({ type: 'summary', failed: 0 });

    const total = photos.reduce((n, p) => n + p.size, 0);
    const received = stack.cloudinary.stats().bytesReceived;
    const resent = received - total;
    const report = exactlyOnceReport(stack, photos);
    const rewrites = report.perPhoto.filter((p) => p.writes > 1).map((p) => `${path.basename(p.photo.path)}×${p.writes}`);
    console.log(
      `${realKills} kills: ${moments.join(', ')}\n` +
        `received ${received} bytes for ${total} bytes of photos: re-sent ${resent} (${((resent / total) * 100).toFixed(1)} %), ` +
        `${received - bytesBeforeFinal} in the final run; image POSTs ${stack.backend.stats().imagePosts} for ${photos.length} photos; ` +
        `assets stored more than once: ${rewrites.join(', ') || 'none'}`,
    );
    expect(realKills).toBeGreaterThanOrEqual(10);
    for (const p of report.perPhoto) {
      expect(p.records, path.basename(p.photo.path)).toBe(1);
      expect(p.assets, path.basename(p.photo.path)).toBe(1);
      expect(p.storedSha1, path.basename(p.photo.path)).toBe(p.photo.sha1);
    }
    expect(report.records).toBe(photos.length);
    expect(stack.backend.stats().imagePosts).toBe(photos.length);
    // A kill loses at most the unacknowledged chunk of each transfer in flight (3 at a time), never a whole file's progress.
    expect(resent).toBeLessThan(KILLS * 3 * CHUNK);

    const db = new Database(path.join(stack.dir, 'kill', 'library.sqlite'), { readonly: true });
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      const statuses = db.prepare('SELECT status, COUNT(*) AS n FROM jobs GROUP BY status').all();
      expect(statuses).toEqual([{ status: 'done', n: photos.length }]);
    } finally {
      db.close();
    }
  });
});
