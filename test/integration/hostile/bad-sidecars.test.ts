/**
 * Sidecars that are not files: `.xmp` names given to pipes (mkfifo) and a link to /dev/zero, next to real
 * photos. `pixdrop upload` (the built CLI, demo mode, its own data dir) must finish, upload every photo,
 * say which sidecars it could not use, and keep its memory low. Before, each pipe held a thread-pool
 * thread waiting for a writer (five of them froze every file operation: the run never ended) and the link
 * to /dev/zero was read until memory ran out.
 */
import { execFileSync } from 'node:child_process';
import { closeSync, constants, copyFileSync, mkdirSync, openSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readThumbnail } from '../../../src/main/engine/metadata/exif';
import { ndjson, runCli } from '../../helpers/cli';
import { fixturesDir, requireBuiltCli } from '../../helpers/paths';
import { tempDir } from '../../helpers/stack';

/** The environment of demo mode: nothing configured but the data dir. */
function demoEnv(dataDir: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of Object.keys(env)) if (key.startsWith('PIXDROP_') || key.startsWith('CLOUDINARY_')) delete env[key];
  return { ...env, PIXDROP_DATA_DIR: dataDir };
}

describe('sidecars that are pipes or devices', () => {
  let dir: string;
  beforeAll(() => {
    requireBuiltCli();
    dir = tempDir('pixdrop-bad-sidecars-');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('five .xmp pipes and an .xmp link to /dev/zero: every photo is uploaded, each bad sidecar is named, memory stays low', async () => {
    const folder = path.join(dir, 'Trip');
    mkdirSync(folder);
    const cameras = path.join(fixturesDir, 'cameras');
    const sources = readdirSync(cameras)
      .filter((n) => n.endsWith('.jpg'))
      .sort()
      .slice(0, 6);
    const photos = sources.map((name, i) => {
      const target = path.join(folder, `IMG_000${i + 1}.jpg`);
      copyFileSync(path.join(cameras, name), target);
      return target;
    });
    const sidecars = photos.map((p) => p.replace(/\.jpg$/, '.xmp'));
    for (const fifo of sidecars.slice(0, 5)) execFileSync('mkfifo', [fifo]);
    symlinkSync('/dev/zero', sidecars[5]!);

    const result = await runCli(['upload', folder, '--album-from-folder', '--json'], demoEnv(path.join(dir, 'data')), 60_000);
    expect(result.signal, `the run did not finish by itself\n${result.stdout}\n${result.stderr}`).toBeNull();
    expect(result.code, result.stderr).toBe(0);
    const events = ndjson(result.stdout);
    expect(events.at(-1)).toMatchObject({ type: 'summary', uploaded: 6, failed: 0 });
    expect(
      events
        .filter((e) => e.type === 'file-uploaded')
        .map((e) => e.path)
        .sort(),
    ).toEqual([...photos].sort());
    const notices = events.filter((e) => e.type === 'notice').map((e) => String(e.message));
    for (const fifo of sidecars.slice(0, 5)) {
      expect(notices.some((m) => m.includes(fifo) && m.includes('not a regular file'))).toBe(true);
    }
    // The link to /dev/zero is not followed at all (sidecars are regular files next to their photo).
    expect(notices.some((m) => m.includes(sidecars[5]!) && m.includes('symbolic link'))).toBe(true);
    expect(result.peakRss).not.toBeNull();
    console.log(`peak memory of pixdrop upload with bad sidecars: ${Math.round(result.peakRss! / 1e6)} MB`);
    expect(result.peakRss!).toBeLessThan(250e6);
  }, 120_000);

  it("a pipe put in a photo's place: its preview is none, at once (nothing waits for a writer)", async () => {
    const pipe = path.join(dir, 'IMG_9999.jpg');
    execFileSync('mkfifo', [pipe]);
    try {
      const answer = await Promise.race([readThumbnail(pipe), new Promise((r) => setTimeout(() => r('no answer within 5 s'), 5000))]);
      expect(answer).toBeNull();
    } finally {
      try {
        closeSync(openSync(pipe, constants.O_WRONLY | constants.O_NONBLOCK)); // lets a blocked reader go
      } catch {
        // nobody was reading it
      }
    }
  });
});
