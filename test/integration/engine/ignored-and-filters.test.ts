/**
 * Nothing found is dropped without a word, and the filters leave exactly what they say (contract §1), through
 * the built `pixdrop upload` against the real local servers: every file not uploaded is a `file-ignored` event
 * with its reason (or a line on a plain terminal) and counted in the summary.
 */
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ndjson, runCli } from '../../helpers/cli';
import { fixturesDir, requireBuiltCli } from '../../helpers/paths';
import { startTestStack, type TestStack } from '../../helpers/stack';
import { videosDir } from '../../helpers/videos';

/** A card as a camera and a Mac leave it: photos, a clip, a sidecar, OS junk, a text note, a NAS folder. */
function makeCard(root: string): string {
  const card = path.join(root, 'card');
  for (const dir of ['DCIM', 'rejects', '@eaDir']) mkdirSync(path.join(card, dir), { recursive: true });
  copyFileSync(path.join(fixturesDir, 'cameras/canon-eos-1300d.jpg'), path.join(card, 'DCIM/IMG_0001.JPG')); // 2019-10-26
  copyFileSync(path.join(fixturesDir, 'cameras/apple-iphone-4.jpg'), path.join(card, 'DCIM/IMG_0002.JPG')); // 2011-01-13
  copyFileSync(path.join(fixturesDir, 'cameras/google-pixel.jpg'), path.join(card, 'rejects/IMG_0003.JPG')); // 2018-07-25
  copyFileSync(path.join(videosDir, 'with-gps.mov'), path.join(card, 'clip.mov')); // 2019-07-24
  copyFileSync(path.join(fixturesDir, 'iptc-xmp/IMG_5910.xmp'), path.join(card, 'DCIM/IMG_0001.xmp'));
  for (const junk of ['DCIM/.DS_Store', 'DCIM/._IMG_0001.JPG', 'DCIM/Thumbs.db', '@eaDir/IMG_0001.JPG', 'DCIM/notes.txt'])
    writeFileSync(path.join(card, junk), 'x');
  return card;
}

const relative = (card: string, events: Record<string, unknown>[], type: string) =>
  events
    .filter((e) => e.type === type)
    .map((e) => [path.relative(card, e.path as string), ...(e.reason ? [e.reason] : [])])
    .sort();

describe('files found and not uploaded', () => {
  let stack: TestStack;
  let card: string;
  beforeAll(() => requireBuiltCli());
  beforeEach(async () => {
    stack = await startTestStack();
    card = makeCard(stack.dir);
  });
  afterEach(() => stack?.close());

  it('are each reported with their reason in --json and counted in the summary', async () => {
    const run = await runCli(['upload', card, '--album-from-folder', '--json'], stack.env);
    expect(run.code, run.stderr).toBe(0);
    const events = ndjson(run.stdout);
    expect(relative(card, events, 'file-uploaded')).toEqual([['DCIM/IMG_0001.JPG'], ['DCIM/IMG_0002.JPG'], ['clip.mov'], ['rejects/IMG_0003.JPG']]);
    expect(relative(card, events, 'file-ignored')).toEqual([
      ['@eaDir', 'junk'],
      ['DCIM/.DS_Store', 'junk'],
      ['DCIM/._IMG_0001.JPG', 'junk'],
      ['DCIM/IMG_0001.xmp', 'sidecar'],
      ['DCIM/Thumbs.db', 'junk'],
      ['DCIM/notes.txt', 'unsupported'],
    ]);
    expect(events.at(-1)).toMatchObject({ type: 'summary', uploaded: 4, failed: 0, ignored: 6 });
  });

  it('are listed one line each on a plain terminal, with the count in the last line', async () => {
    const run = await runCli(['upload', card, '--album-from-folder'], stack.env);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(`ignored  ${path.join(card, 'DCIM/notes.txt')} (not a photo or video type PixDrop uploads)`);
    expect(run.stdout).toContain(`ignored  ${path.join(card, 'DCIM/IMG_0001.xmp')} (sidecar`);
    expect(run.stdout.trim().split('\n').at(-1)).toMatch(/^done: 4 uploaded, 0 already in the album, 0 failed, 6 ignored/);
  });

  it('--include and --exclude (repeatable) leave what they match, reported as filtered', async () => {
    const run = await runCli(
      ['upload', card, '--album-from-folder', '--json', '--include', '*.jpg', '--include', '*.heic', '--exclude', 'rejects/**'],
      stack.env,
    );
    expect(run.code, run.stderr).toBe(0);
    const events = ndjson(run.stdout);
    expect(relative(card, events, 'file-uploaded')).toEqual([['DCIM/IMG_0001.JPG'], ['DCIM/IMG_0002.JPG']]);
    expect(relative(card, events, 'file-ignored').filter(([, reason]) => reason === 'filtered')).toEqual([
      ['clip.mov', 'filtered'],
      ['rejects/IMG_0003.JPG', 'filtered'],
    ]);
    expect(stack.backend.listImages()).toHaveLength(2);
  });

  it('--from / --to keep only what was taken in the range (camera time), photos and videos alike', async () => {
    const run = await runCli(['upload', card, '--album-from-folder', '--json', '--from', '2018-01-01', '--to', '2019-08-01'], stack.env);
    expect(run.code, run.stderr).toBe(0);
    const events = ndjson(run.stdout);
    expect(relative(card, events, 'file-uploaded')).toEqual([['clip.mov'], ['rejects/IMG_0003.JPG']]);
    expect(relative(card, events, 'file-ignored').filter(([, reason]) => reason === 'filtered')).toEqual([
      ['DCIM/IMG_0001.JPG', 'filtered'],
      ['DCIM/IMG_0002.JPG', 'filtered'],
    ]);
  });

  it('a date that is not one exits 2 naming the option and the form, before anything is sent', async () => {
    const run = await runCli(['upload', card, '--album-from-folder', '--from', '26/10/2019'], stack.env);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--from "26/10/2019" is not a date: give YYYY-MM-DD');
    expect(stack.cloudinary.stats().uploadRequests).toBe(0);
  });
});
