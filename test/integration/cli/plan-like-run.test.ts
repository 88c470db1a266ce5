/**
 * The dry run says what the real run then does, through the built CLI and the real local servers: an album
 * longer than one page of the backend's listing, an unknown --album id, a path given twice, albums whose
 * folder names differ only in case, and the files --after-upload frees (a RAW beside its JPEG counted too).
 */
import { copyFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ndjson, runCli } from '../../helpers/cli';
import { fixturesDir } from '../../helpers/paths';
import { stackWithShootEach } from '../../helpers/stack';
import { pairsDir } from '../../helpers/videos';
import { writeTinyJpegs } from '../survival/harness';

function place(folder: string, name: string, from: string): string {
  mkdirSync(folder, { recursive: true });
  copyFileSync(from, path.join(folder, name));
  return path.join(folder, name);
}

const planOf = (stdout: string) => ndjson(stdout).find((e) => e.type === 'plan');
const summaryOf = (stdout: string) => ndjson(stdout).find((e) => e.type === 'summary');

describe('the dry run plans what the real run does', () => {
  const s = stackWithShootEach();

  it('reads every page of an album: photos beyond the first page are already there', async () => {
    const folder = path.join(s.shoot, 'M150');
    await writeTinyJpegs(folder, 150, 150);
    const first = await runCli(['upload', folder, '--album-from-folder', '--json'], s.stack.env);
    expect(first.code, first.stderr).toBe(0);
    expect(summaryOf(first.stdout)).toMatchObject({ uploaded: 150 });
    // Newer photos from elsewhere push these 150 past the first page of 1000 (newest first).
    const albumId = s.stack.backend.listImages()[0].album_id;
    for (let i = 0; i < 1100; i += 1) s.stack.backend.addImage(albumId, { public_id: `elsewhere/${i}`, width: 10, height: 10, format: 'jpg' });
    const dry = await runCli(['upload', folder, '--album-from-folder', '--json', '--dry-run'], s.stack.env);
    expect(dry.code, dry.stderr).toBe(0);
    expect(planOf(dry.stdout)).toMatchObject({ new: 0, already_there: 150, bytes: 0 });
  });

  it('says an unknown --album once, before scanning, with exit 2, as the real run does', async () => {
    place(s.shoot, 'a.jpg', path.join(fixturesDir, 'cameras/canon-eos-1300d.jpg'));
    for (const extra of [[], ['--json']]) {
      const dry = await runCli(['upload', s.shoot, '--album', 'nope', '--dry-run', ...extra], s.stack.env);
      expect(dry.code, dry.stderr).toBe(2);
      expect(dry.stderr).toContain('has no album "nope"');
      expect(dry.stderr).not.toContain('this file');
    }
  });

  it('counts a folder given twice, and a file inside a folder given, once', async () => {
    const ceremony = path.join(s.shoot, 'Ceremony');
    const a = place(ceremony, 'a.jpg', path.join(fixturesDir, 'cameras/canon-eos-1300d.jpg'));
    place(ceremony, 'b.jpg', path.join(fixturesDir, 'cameras/apple-iphone-4.jpg'));
    place(ceremony, 'notes.txt', path.join(fixturesDir, 'SOURCES.md'));
    const args = ['upload', ceremony, ceremony, a, '--album-from-folder', '--json'];
    const dry = await runCli([...args, '--dry-run'], s.stack.env);
    expect(dry.code, dry.stderr).toBe(0);
    expect(planOf(dry.stdout)).toMatchObject({ new: 2, ignored: 1 });
    const real = await runCli(args, s.stack.env);
    expect(real.code, real.stderr).toBe(0);
    const events = ndjson(real.stdout);
    expect(events.find((e) => e.type === 'scan-finished')).toMatchObject({ queued: 2 });
    expect(events.filter((e) => e.type === 'file-ignored')).toHaveLength(1);
    expect(summaryOf(real.stdout)).toMatchObject({ uploaded: 2, ignored: 1 });
  });

  it('says which half of a RAW+JPEG pair --raw-jpeg jpeg or raw leaves out, in the plan and in the run', async () => {
    const jpeg = place(s.shoot, 'DSC_0042.JPG', path.join(pairsDir, 'raw-jpeg/DSC_0042.JPG'));
    const raw = place(s.shoot, 'DSC_0042.NEF', path.join(pairsDir, 'raw-jpeg/DSC_0042.NEF'));
    for (const [mode, left, said] of [
      ['jpeg', raw, 'a RAW beside its JPEG: --raw-jpeg jpeg uploads only the JPEG of a pair'],
      ['raw', jpeg, 'a JPEG beside its RAW: --raw-jpeg raw uploads only the RAW of a pair'],
    ]) {
      for (const extra of [['--dry-run'], []]) {
        const run = await runCli(['upload', s.shoot, '--album-from-folder', '--raw-jpeg', mode, ...extra], s.stack.env);
        expect(run.code, run.stderr).toBe(0);
        expect(run.stdout).toContain(`ignored  ${left} (${said})`);
        expect(run.stdout).not.toContain('uploaded as one photo');
      }
    }
  });

  it('names an album as the real run creates it, and counts a RAW freed with its JPEG', async () => {
    // Two folders whose names differ only in case are one album: the first folder's name is the one created.
    const upper = path.join(s.shoot, 'one', 'WEDDING');
    const lower = path.join(s.shoot, 'two', 'wedding');
    place(upper, 'DSC_0042.JPG', path.join(pairsDir, 'raw-jpeg/DSC_0042.JPG'));
    place(upper, 'DSC_0042.NEF', path.join(pairsDir, 'raw-jpeg/DSC_0042.NEF'));
    place(lower, 'b.jpg', path.join(fixturesDir, 'cameras/apple-iphone-4.jpg'));
    const args = ['upload', upper, lower, '--album-from-folder', '--after-upload', `move:${path.join(s.stack.dir, 'done')}`];
    const dry = await runCli([...args, '--dry-run'], s.stack.env);
    expect(dry.code, dry.stderr).toBe(0);
    const created = /album {4}"([^"]+)" would be created/.exec(dry.stdout)?.[1];
    const toFree = /; (\d+) file\(s\) to free after upload/.exec(dry.stdout)?.[1];
    const real = await runCli(args, s.stack.env);
    expect(real.code, real.stderr).toBe(0);
    const freed = /, (\d+) freed from the card/.exec(real.stdout)?.[1];
    const albums = await (await fetch(`${s.stack.backend.url}/api/v1/albums`, { headers: { authorization: `Token token="${s.stack.token}"` } })).json();
    expect((albums as { name: string }[]).map((x) => x.name)).toEqual([created]);
    expect(freed).toBe('3');
    expect(toFree).toBe(freed);
  });

  it('lists the files in path order, and a file the album has in the words the run uses', async () => {
    // Names whose order on disk and in the walk (a folder's files, then its subfolders) is not path order.
    const files = ['Zoe.jpg', 'Reception/b.jpg', 'Reception/Dance/c.jpg', 'Ceremony/a.jpg', 'aa.jpg', 'Ceremony/Z.jpg'];
    const cameras = ['canon-eos-1300d.jpg', 'apple-iphone-4.jpg', 'fujifilm-finepix-s5500.jpg', 'google-pixel.jpg'];
    files.forEach((f, i) => place(path.join(s.shoot, path.dirname(f)), path.basename(f), path.join(fixturesDir, 'cameras', cameras[i % cameras.length]!)));
    const first = await runCli(['upload', path.join(s.shoot, 'Zoe.jpg'), '--album-from-folder'], s.stack.env);
    expect(first.stdout).toContain(`uploaded ${path.join(s.shoot, 'Zoe.jpg')}`);
    const again = await runCli(['upload', path.join(s.shoot, 'Zoe.jpg'), '--album-from-folder'], s.stack.env);
    expect(again.stdout).toContain(`already in the album: ${path.join(s.shoot, 'Zoe.jpg')}`);
    const dry = await runCli(['upload', path.join(s.shoot, 'Zoe.jpg'), s.shoot, '--album-from-folder', '--dry-run'], s.stack.env);
    expect(dry.code, dry.stderr).toBe(0);
    const listed = dry.stdout.split('\n').filter((l) => / → /.test(l));
    const paths = listed.map((l) => l.slice(l.indexOf(s.shoot), l.indexOf(' → ')));
    expect(paths).toEqual(files.map((f) => path.join(s.shoot, f)).sort((a, b) => (a < b ? -1 : 1)));
    expect(listed.find((l) => l.includes('Zoe.jpg'))).toMatch(/^already in the album: /);
    expect(dry.stdout).not.toContain('in album ');
  });
});
