/**
 * `pixdrop upload --dry-run` (contract §1) through the built CLI and the real local servers: the plan lists
 * new, already-in-the-album, paired and ignored files and the albums to create, sends no request that changes
 * anything, and is what the real run then does.
 */
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ndjson, runCli } from '../../helpers/cli';
import { fixturesDir } from '../../helpers/paths';
import { stackWithShootEach } from '../../helpers/stack';
import { pairsDir } from '../../helpers/videos';

function place(folder: string, name: string, from: string): void {
  mkdirSync(folder, { recursive: true });
  copyFileSync(from, path.join(folder, name));
}

const pathsOf = (events: Record<string, unknown>[], type: string, action?: string) =>
  events
    .filter((e) => e.type === type && (!action || e.action === action))
    .map((e) => e.path as string)
    .sort();

describe('dry run', () => {
  const s = stackWithShootEach();

  function changingRequests() {
    return { uploads: s.stack.cloudinary.stats().uploadRequests, imagePosts: s.stack.backend.stats().imagePosts };
  }

  it('sends nothing that changes anything, and its plan is what the real run then does', async () => {
    const trip = (await (
      await fetch(`${s.stack.backend.url}/api/v1/albums`, {
        method: 'POST',
        headers: { authorization: `Token token="${s.stack.token}"`, 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'Trip' }),
      })
    ).json()) as { id: string };
    place(path.join(s.shoot, 'day1'), 'a.jpg', path.join(fixturesDir, 'cameras/canon-eos-1300d.jpg'));
    place(path.join(s.shoot, 'day1'), 'b.jpg', path.join(fixturesDir, 'cameras/apple-iphone-4.jpg'));
    const first = await runCli(['upload', s.shoot, '--album', trip.id, '--json'], s.stack.env);
    expect(first.code, first.stderr).toBe(0);
    // Later, more of the s.shoot: two photos, a RAW+JPEG pair, junk.
    place(path.join(s.shoot, 'day2'), 'c.jpg', path.join(fixturesDir, 'cameras/google-pixel.jpg'));
    place(path.join(s.shoot, 'day2'), 'DSC_0042.JPG', path.join(pairsDir, 'raw-jpeg/DSC_0042.JPG'));
    place(path.join(s.shoot, 'day2'), 'DSC_0042.NEF', path.join(pairsDir, 'raw-jpeg/DSC_0042.NEF'));
    writeFileSync(path.join(s.shoot, 'day2', '.DS_Store'), 'x');
    writeFileSync(path.join(s.shoot, 'day2', 'notes.txt'), 'x');

    const before = changingRequests();
    const dry = await runCli(['upload', s.shoot, '--album', trip.id, '--json', '--dry-run'], s.stack.env);
    expect(dry.code, dry.stderr).toBe(0);
    expect(changingRequests()).toEqual(before);
    const plan = ndjson(dry.stdout);
    expect(plan.at(-1)).toMatchObject({ type: 'plan', new: 2, already_there: 2, paired: 1, ignored: 2, albums_to_create: 0 });
    expect(plan.find((e) => e.path === path.join(s.shoot, 'day2/DSC_0042.JPG'))).toMatchObject({ raw_path: path.join(s.shoot, 'day2/DSC_0042.NEF') });

    const real = await runCli(['upload', s.shoot, '--album', trip.id, '--json'], s.stack.env);
    expect(real.code, real.stderr).toBe(0);
    const events = ndjson(real.stdout);
    expect(pathsOf(events, 'file-uploaded')).toEqual(pathsOf(plan, 'plan-file', 'new'));
    expect(pathsOf(events, 'file-skipped')).toEqual(pathsOf(plan, 'plan-file', 'already-there'));
    expect(pathsOf(events, 'file-ignored')).toEqual(pathsOf(plan, 'file-ignored'));
    const sent = changingRequests();
    expect(sent.uploads - before.uploads).toBe(3); // c.jpg, DSC_0042.JPG and its RAW
  });

  it('names the albums a folder drop would create, creates none, and the real run creates exactly those', async () => {
    place(path.join(s.shoot, 'Ceremony'), 'a.jpg', path.join(fixturesDir, 'cameras/canon-eos-1300d.jpg'));
    place(path.join(s.shoot, 'Reception'), 'b.jpg', path.join(fixturesDir, 'cameras/apple-iphone-4.jpg'));
    const albums = async () =>
      (
        (await (await fetch(`${s.stack.backend.url}/api/v1/albums`, { headers: { authorization: `Token token="${s.stack.token}"` } })).json()) as {
          name: string;
        }[]
      )
        .map((a) => a.name)
        .sort();
    const dry = await runCli(['upload', s.shoot, '--album-from-folder=leaf', '--dry-run'], s.stack.env);
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toContain('album    "Ceremony" would be created');
    expect(dry.stdout).toContain('album    "Reception" would be created');
    expect(dry.stdout).toMatch(/dry run: 2 new, 0 already in the album, .* 2 album\(s\) to create; .* to send\. Nothing was sent\./);
    expect(await albums()).toEqual([]);
    expect(changingRequests()).toEqual({ uploads: 0, imagePosts: 0 });
    const real = await runCli(['upload', s.shoot, '--album-from-folder=leaf'], s.stack.env);
    expect(real.code, real.stderr).toBe(0);
    expect(await albums()).toEqual(['Ceremony', 'Reception']);
  });

  it('watch refuses --dry-run rather than ignoring it (its filters are taken: watch-options.test.ts)', async () => {
    mkdirSync(s.shoot, { recursive: true });
    const run = await runCli(['watch', s.shoot, '--album-from-folder', '--dry-run', '--exclude', '*.tmp'], s.stack.env);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--dry-run works with `pixdrop upload` only');
  });
});
