/**
 * Two installations, one album: two `pixdrop upload` processes with their own data dirs, started
 * together on the same folder and album, against a backend that keeps duplicates. Each asks just
 * before posting, and when a race makes two records anyway the one with the larger id is deleted by
 * whichever sees both. In the end: one record per photo, each photo once in the store. Then again
 * with random SIGKILLs and restarts of either process.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ndjson, runCli, startCli, type RunningCli } from '../../helpers/cli';
import { requireBuiltCli } from '../../helpers/paths';
import { expectEachPhotoOnce, makePhotos, noDedupShootEach, sleep, smallBatch } from './harness';

function seeded(seed: number) {
  let s = seed;
  return () => (s = (s * 16807) % 2147483647) / 2147483647;
}

beforeAll(() => requireBuiltCli());
const shoot = noDedupShootEach('Studio', (folder) => makePhotos(folder, smallBatch(30), 7));

const args = () => ['upload', shoot.folder, '--album-from-folder', '--json'];
const expectOneRecordPerPhoto = () => expectEachPhotoOnce(shoot.stack, shoot.photos);

describe('two installations uploading one folder to one album', () => {
  it('started together, they end with one record per photo', async () => {
    const [a, b] = await Promise.all([runCli(args(), shoot.stack.envFor('studio-A')), runCli(args(), shoot.stack.envFor('studio-B'))]);
    for (const run of [a, b]) {
      expect(run.code, run.stderr).toBe(0);
      const summary = ndjson(run.stdout).find((e) => e.type === 'summary') as Record<string, number>;
      expect(summary.failed).toBe(0);
      expect(summary.uploaded + summary.skipped).toBe(shoot.photos.length);
    }
    const stats = shoot.stack.backend.stats();
    console.log(`two installations at once: ${stats.imagePosts} POSTs and ${stats.imageDeletes} DELETEs for ${shoot.photos.length} photos`);
    expectOneRecordPerPhoto();
  });

  it('with random SIGKILLs and restarts of either, they still end with one record per photo', async () => {
    const random = seeded(20261201);
    const env = (name: string) => shoot.stack.envFor(name, { PIXDROP_BWLIMIT: String(1_500_000) });
    const running: Record<string, RunningCli | null> = { 'studio-A': null, 'studio-B': null };
    let kills = 0;
    for (let round = 0; round < 8; round += 1) {
      for (const name of Object.keys(running)) if (!running[name] || running[name]!.child.exitCode !== null) running[name] = startCli(args(), env(name));
      await sleep(400 + random() * 1600);
      // One of them, or both (then both start again together, racing on the same photos).
      const roll = random();
      const victims = roll < 0.3 ? ['studio-A'] : roll < 0.6 ? ['studio-B'] : ['studio-A', 'studio-B'];
      for (const victim of victims) {
        const child = running[victim]!;
        if (child.child.exitCode === null) {
          child.child.kill('SIGKILL');
          kills += (await child.done).signal === 'SIGKILL' ? 1 : 0;
        }
        running[victim] = null;
      }
    }
    for (const r of Object.values(running)) {
      if (r) {
        r.child.kill('SIGKILL');
        await r.done;
      }
    }
    const finals = await Promise.all(['studio-A', 'studio-B'].map((name) => runCli(args(), shoot.stack.envFor(name), 90_000)));
    for (const run of finals) {
      expect(run.code, run.stderr).toBe(0);
      expect(ndjson(run.stdout).find((e) => e.type === 'summary')).toMatchObject({ failed: 0 });
    }
    const stats = shoot.stack.backend.stats();
    console.log(`${kills} kills: ${stats.imagePosts} POSTs and ${stats.imageDeletes} DELETEs for ${shoot.photos.length} photos`);
    expect(kills).toBeGreaterThanOrEqual(4);
    expectOneRecordPerPhoto();
  });
});
