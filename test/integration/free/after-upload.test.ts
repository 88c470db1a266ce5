/**
 * --after-upload (contract §1), through the built `pixdrop` and the real local servers, with real photos:
 * move keeps the folder structure and never overwrites, delete frees the card, a photo already in the album is
 * freed only after its album record's asset matches, a file changed between upload and action is kept with a
 * notice naming it, a destination inside the uploaded or watched folder is refused (exit 2), and a watch frees
 * what it uploads. After each run the album holds every photo once, with the original bytes.
 */
import { appendFileSync, copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ndjson, runCli, startCli } from '../../helpers/cli';
import { fixturesDir, requireBuiltCli } from '../../helpers/paths';
import { sha1Of, waitFor } from '../../helpers/index';
import { startTestStack, type TestStack } from '../../helpers/stack';

const PHOTOS = ['cameras/canon-eos-1300d.jpg', 'cameras/apple-iphone-4.jpg', 'cameras/nikon-e950.jpg', 'gps/samsung-galaxy-s7.jpg'];
const PAIRS = path.resolve(fixturesDir, '../pairs/raw-jpeg');

/** A card as a camera writes it: DCIM/100CANON/… plus a second folder. Returns relative path → sha1. */
function makeCard(card: string): Map<string, string> {
  const originals = new Map<string, string>();
  PHOTOS.forEach((rel, i) => {
    const target = path.join(card, i % 2 === 0 ? 'DCIM/100CANON' : 'DCIM/101CANON', `IMG_000${i}.JPG`);
    mkdirSync(path.dirname(target), { recursive: true });
    copyFileSync(path.join(fixturesDir, rel), target);
    originals.set(path.relative(card, target), sha1Of(target));
  });
  return originals;
}

function filesBelow(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
    .sort();
}

/** Every original is once in the album, and the bytes Cloudinary holds for it are the original's. */
function expectInAlbumOnce(stack: TestStack, sha1s: string[]): void {
  const records = stack.backend.listImages();
  const assets = new Map(stack.cloudinary.listAssets().map((a) => [a.public_id, a]));
  for (const sha1 of sha1s) {
    const mine = records.filter((r) => r.infos.public_id === `pixdrop/${sha1}`);
    expect(mine, `album records of ${sha1}`).toHaveLength(1);
    const asset = assets.get(`pixdrop/${sha1}`);
    expect(asset, `Cloudinary asset of ${sha1}`).toBeDefined();
    expect(sha1Of(asset!.filePath)).toBe(sha1);
  }
}

describe('pixdrop upload --after-upload', { timeout: 120_000 }, () => {
  let stack: TestStack;
  let card: string;
  let originals: Map<string, string>;
  beforeAll(() => requireBuiltCli());
  beforeEach(async () => {
    stack = await startTestStack();
    card = path.join(stack.dir, 'Card');
    originals = makeCard(card);
  });
  afterEach(() => stack?.close());

  it('move:<dir> keeps the folders below <dir>, never overwrites a file there, and the album has the original bytes', async () => {
    const dest = path.join(stack.dir, 'Archive');
    // A file of another shoot already has the first photo's name at the destination.
    const clash = path.join(dest, 'DCIM/100CANON/IMG_0000.JPG');
    mkdirSync(path.dirname(clash), { recursive: true });
    writeFileSync(clash, 'not this photo');
    const run = await runCli(['upload', card, '--album-from-folder', '--json', `--after-upload`, `move:${dest}`], stack.env);
    expect(run.code, run.stderr).toBe(0);
    expect(filesBelow(card)).toEqual([]);
    expect(readFileSync(clash, 'utf8')).toBe('not this photo');
    const freed = ndjson(run.stdout).filter((e) => e.type === 'file-freed');
    expect(freed).toHaveLength(originals.size);
    for (const [rel, sha1] of originals) {
      const wanted = path.join(dest, rel);
      const event = freed.find((e) => e.path === path.join(card, rel));
      expect(event).toMatchObject({ action: 'move' });
      const landed = rel === 'DCIM/100CANON/IMG_0000.JPG' ? path.join(dest, 'DCIM/100CANON/IMG_0000 (1).JPG') : wanted;
      expect(event!.destination).toBe(landed);
      expect(sha1Of(landed)).toBe(sha1);
    }
    expect(ndjson(run.stdout).at(-1)).toMatchObject({ type: 'summary', uploaded: originals.size, failed: 0, freed: originals.size });
    expectInAlbumOnce(stack, [...originals.values()]);
  });

  it('delete frees the card, one line per file; a photo already in the album is freed after its record matches, with nothing sent', async () => {
    const first = await runCli(['upload', path.join(card, 'DCIM/100CANON'), '--album-from-folder'], stack.env);
    expect(first.code, first.stderr).toBe(0);
    const sent = stack.cloudinary.stats().uploadRequests;
    const run = await runCli(['upload', path.join(card, 'DCIM'), '--album-from-folder=leaf', '--after-upload', 'delete'], stack.env);
    expect(run.code, run.stderr).toBe(0);
    expect(filesBelow(card)).toEqual([]);
    expect(run.stdout.match(/^deleted {2}.*\(verified in the album\)$/gm)).toHaveLength(originals.size);
    expect(run.stdout).toMatch(new RegExp(`${originals.size} freed from the card`));
    // The 100CANON photos were already there: nothing of theirs was sent again.
    expect(stack.cloudinary.stats().uploadRequests - sent).toBe(2);
    expectInAlbumOnce(stack, [...originals.values()]);
  });

  it('a RAW+JPEG pair: the RAW goes along only when it too is verified', async () => {
    const shoot = path.join(stack.dir, 'Pair');
    mkdirSync(shoot);
    for (const name of ['DSC_0042.JPG', 'DSC_0042.NEF']) copyFileSync(path.join(PAIRS, name), path.join(shoot, name));
    const sha1s = ['DSC_0042.JPG', 'DSC_0042.NEF'].map((n) => sha1Of(path.join(shoot, n)));
    const dest = path.join(stack.dir, 'Done');
    const run = await runCli(['upload', shoot, '--album-from-folder', '--json', '--after-upload', `move:${dest}`], stack.env);
    expect(run.code, run.stderr).toBe(0);
    expect(filesBelow(shoot)).toEqual([]);
    expect(filesBelow(dest)).toEqual(['DSC_0042.JPG', 'DSC_0042.NEF']);
    expect(sha1Of(path.join(dest, 'DSC_0042.NEF'))).toBe(sha1s[1]);
    const [record] = stack.backend.listImages();
    expect(record!.metadatas.raw_public_id).toBe(`pixdrop/${sha1s[1]}`);
    expectInAlbumOnce(stack, [sha1s[0]!]);
  });

  it('--dry-run says what would be freed and frees nothing', async () => {
    const dest = path.join(stack.dir, 'Archive');
    const run = await runCli(['upload', card, '--album-from-folder', '--json', '--dry-run', '--after-upload', `move:${dest}`], stack.env);
    expect(run.code, run.stderr).toBe(0);
    const plan = ndjson(run.stdout).filter((e) => e.type === 'plan-file');
    expect(plan).toHaveLength(originals.size);
    for (const e of plan) expect(e).toMatchObject({ after_upload: 'move', destination: path.join(dest, path.relative(card, e.path as string)) });
    expect(ndjson(run.stdout).at(-1)).toMatchObject({ type: 'plan', freed: originals.size });
    expect(filesBelow(card)).toHaveLength(originals.size);
    expect(existsSync(dest)).toBe(false);
  });

  it('a file changed between upload and action is kept, with a notice naming it; the others are freed', async () => {
    // Edited in place after its upload, its size and date put back: only its content tells.
    const first = await runCli(['upload', card, '--album-from-folder'], stack.env);
    expect(first.code, first.stderr).toBe(0);
    const edited = path.join(card, 'DCIM/100CANON/IMG_0000.JPG');
    const { size, atimeMs, mtimeMs } = statSync(edited);
    const bytes = readFileSync(edited);
    bytes[bytes.length - 3] ^= 0xff;
    writeFileSync(edited, bytes);
    utimesSync(edited, atimeMs / 1000, mtimeMs / 1000); // as numbers: a Date would round the milliseconds
    expect(statSync(edited).size).toBe(size);
    const run = await runCli(['upload', card, '--album-from-folder', '--json', '--after-upload', 'delete'], stack.env);
    expect(run.code, run.stderr).toBe(0);
    const notices = (r: { stdout: string }) =>
      ndjson(r.stdout)
        .filter((e) => e.type === 'notice')
        .map((e) => String(e.message));
    expect(
      notices(run).some((m) => m.includes(edited) && /changed after it was uploaded.*kept/.test(m)),
      notices(run).join('\n'),
    ).toBe(true);
    expect(filesBelow(card)).toEqual(['DCIM/100CANON/IMG_0000.JPG']);
    expect(ndjson(run.stdout).filter((e) => e.type === 'file-freed')).toHaveLength(originals.size - 1);

    // Grown by an editor after it was registered and before the action: killed at exactly that point, then started again.
    const single = path.join(stack.dir, 'Single');
    mkdirSync(single);
    const grown = path.join(single, 'IMG_0100.JPG');
    copyFileSync(path.join(fixturesDir, 'cameras/olympus-pen-e-p3.jpg'), grown);
    const killed = await runCli(['upload', single, '--album-from-folder', '--after-upload', 'delete'], { ...stack.env, PIXDROP_CRASH_AT: 'registered' });
    expect(killed.signal).toBe('SIGKILL');
    const grownSha1 = sha1Of(grown);
    appendFileSync(grown, Buffer.alloc(10));
    const empty = path.join(stack.dir, 'Empty');
    mkdirSync(empty);
    const restart = await runCli(['upload', empty, '--album-from-folder', '--json'], stack.env);
    expect(restart.code, restart.stderr).toBe(0);
    expect(
      notices(restart).some((m) => m.includes(grown) && /changed after it was uploaded.*kept/.test(m)),
      notices(restart).join('\n'),
    ).toBe(true);
    expect(existsSync(grown)).toBe(true);
    expectInAlbumOnce(stack, [...originals.values(), grownSha1]);
  });

  it('refuses a destination inside the uploaded or watched folder (exit 2), before anything is sent', async () => {
    for (const command of ['upload', 'watch']) {
      const run = await runCli([command, card, '--album-from-folder', '--after-upload', `move:${path.join(card, 'uploaded')}`], stack.env);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/--after-upload move:.*is inside .*Card.*Give a folder outside it/);
    }
    const bad = await runCli(['upload', card, '--album-from-folder', '--after-upload', 'shred'], stack.env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/"shred" is not an action: give keep \(default\), delete, or move:<folder>/);
    expect(stack.cloudinary.stats().uploadRequests).toBe(0);
    expect(filesBelow(card)).toHaveLength(originals.size);
  });

  it('pixdrop watch --after-upload move:<dir> moves what it uploads, and the moves are not seen as new or deleted photos', async () => {
    const watched = path.join(stack.dir, 'Inbox');
    mkdirSync(watched);
    const dest = path.join(stack.dir, 'Archive');
    const watch = startCli(['watch', watched, '--album-from-folder', '--json', '--after-upload', `move:${dest}`], stack.env);
    await waitFor(() => watch.stdout().includes('watching'), 20_000, 'the watch to start');
    const sources = [...originals.keys()].map((rel) => path.join(card, rel));
    for (const [i, source] of sources.entries()) copyFileSync(source, path.join(watched, `shot-${i}.jpg`));
    const freed = () => ndjson(watch.stdout()).filter((e) => e.type === 'file-freed');
    await waitFor(() => freed().length === sources.length, 60_000, 'every photo to be moved');
    expect(filesBelow(watched)).toEqual([]);
    expect(filesBelow(dest)).toEqual(sources.map((_, i) => `shot-${i}.jpg`));
    const listed = await runCli(['watches', '--json'], stack.env);
    expect(JSON.parse(listed.stdout)).toMatchObject([{ path: watched, after_upload: { action: 'move', dir: dest } }]);
    watch.child.kill('SIGINT');
    const done = await watch.done;
    expect(done.code, done.stderr).toBe(0);
    expect(ndjson(done.stdout).at(-1)).toMatchObject({ type: 'summary', freed: sources.length, failed: 0 });
    expectInAlbumOnce(stack, [...originals.values()]);
    expect(stack.backend.stats().imageDeletes).toBe(0);
  });
});
