/**
 * --after-upload never frees a file too early: the built `pixdrop upload` is SIGKILLed at every step of the
 * way (PIXDROP_CRASH_AT: before any upload, mid-chunk, Cloudinary answered but not registered, registered but
 * not acted on, destinations saved, the copy in place but the original not yet removed) and started again.
 * After every kill, every file missing from the card is in the album exactly once with its original bytes;
 * the last run frees every file exactly once. The move goes to another file system (/dev/shm): copy, fsync, link.
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ndjson, runCli } from '../../helpers/cli';
import { fixturesDir, requireBuiltCli } from '../../helpers/paths';
import { sha1Of } from '../../helpers/index';
import { writeBigJpeg } from '../../helpers/photos';
import { startTestStack, type TestStack } from '../../helpers/stack';

const CHUNK = 5_242_880;
const PAIRS = path.resolve(fixturesDir, '../pairs/raw-jpeg');

/** A card with real photos in camera folders, a RAW+JPEG pair and one photo big enough to go in chunks. */
function makeCard(card: string): Map<string, string> {
  const put = (from: string, rel: string) => {
    const target = path.join(card, rel);
    mkdirSync(path.dirname(target), { recursive: true });
    copyFileSync(from, target);
  };
  ['canon-eos-1300d.jpg', 'apple-iphone-4.jpg', 'nikon-e950.jpg', 'sony-dslr-a200.jpg'].forEach((name, i) =>
    put(path.join(fixturesDir, 'cameras', name), `DCIM/10${i % 2}CANON/IMG_00${i}.JPG`),
  );
  put(path.join(PAIRS, 'DSC_0042.JPG'), 'DCIM/102NIKON/DSC_0042.JPG');
  put(path.join(PAIRS, 'DSC_0042.NEF'), 'DCIM/102NIKON/DSC_0042.NEF');
  mkdirSync(path.join(card, 'DCIM/103BIG'), { recursive: true });
  writeBigJpeg(path.join(card, 'DCIM/103BIG/BIG_0001.JPG'), 3 * CHUNK - 1000, 7);
  return new Map(filesBelow(card).map((rel) => [rel, sha1Of(path.join(card, rel))]));
}

function filesBelow(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && !e.name.startsWith('.'))
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
    .sort();
}

/** The invariant after any kill: a file gone from the card is in the album once, with the bytes it had. */
function expectNothingLost(stack: TestStack, card: string, originals: Map<string, string>, dest: string | null): void {
  const records = stack.backend.listImages();
  const assets = new Map(stack.cloudinary.listAssets().map((a) => [a.public_id, a]));
  const raw = originals.get('DCIM/102NIKON/DSC_0042.NEF')!;
  for (const [rel, sha1] of originals) {
    if (existsSync(path.join(card, rel))) {
      expect(sha1Of(path.join(card, rel)), `${rel} on the card is untouched`).toBe(sha1);
      continue;
    }
    const publicId = `pixdrop/${sha1}`;
    // The RAW has no record of its own: it is linked from its JPEG's record.
    const holders = sha1 === raw ? records.filter((r) => r.metadatas.raw_public_id === publicId) : records.filter((r) => r.infos.public_id === publicId);
    expect(holders, `${rel} left the card: its album record`).toHaveLength(1);
    const asset = assets.get(publicId);
    expect(asset, `${rel} left the card: its Cloudinary asset`).toBeDefined();
    expect(sha1Of(asset!.filePath), `${rel}: the album's bytes`).toBe(sha1);
  }
  // Whatever is at the destination under a final name is a complete original.
  const known = new Set(originals.values());
  for (const rel of dest ? filesBelow(dest) : []) expect(known.has(sha1Of(path.join(dest!, rel))), `${rel} at the destination is complete`).toBe(true);
}

async function killAtEveryStep(stack: TestStack, card: string, originals: Map<string, string>, action: string, dest: string | null, points: string[]) {
  const args = ['upload', card, '--album-from-folder=leaf', '--json', '--concurrency', '2', '--after-upload', action];
  const env = { ...stack.env, PIXDROP_CHUNK_SIZE: String(CHUNK) };
  const freed = new Map<string, number>();
  const count = (stdout: string) =>
    ndjson(stdout)
      .filter((e) => e.type === 'file-freed')
      .forEach((e) => freed.set(String(e.path), (freed.get(String(e.path)) ?? 0) + 1));
  const killedAt: string[] = [];
  for (const point of points) {
    const run = await runCli(args, { ...env, PIXDROP_CRASH_AT: point });
    count(run.stdout);
    expect(
      ndjson(run.stdout).filter((e) => e.type === 'file-failed'),
      `run killed at ${point}`,
    ).toEqual([]);
    if (run.signal === 'SIGKILL') killedAt.push(point);
    else expect(run.code, run.stderr).toBe(0);
    expectNothingLost(stack, card, originals, dest);
  }
  const last = await runCli(args, env);
  expect(last.code, last.stderr).toBe(0);
  count(last.stdout);
  expect(ndjson(last.stdout).filter((e) => e.type === 'file-failed')).toEqual([]);
  expectNothingLost(stack, card, originals, dest);
  return { killedAt, freed, last };
}

describe('--after-upload under SIGKILL at every step', () => {
  let stack: TestStack;
  let otherFs: string;
  beforeAll(async () => {
    requireBuiltCli();
    stack = await startTestStack();
    otherFs = mkdtempSync('/dev/shm/pixdrop-archive-');
  });
  afterAll(async () => {
    rmSync(otherFs, { recursive: true, force: true });
    await stack?.close();
  });

  it('move to another file system: killed at every step, each file ends at its destination once, none lost', async () => {
    expect(statSync(otherFs).dev).not.toBe(statSync(stack.dir).dev);
    const card = path.join(stack.dir, 'CardA');
    const originals = makeCard(card);
    const dest = path.join(otherFs, 'Archive');
    const points = [
      'before-upload',
      'mid-chunk:30',
      'mid-chunk:120',
      'uploaded',
      'registered',
      'acting',
      'moved',
      'uploaded:2',
      'registered:2',
      'moved:2',
      'acting:2',
    ];
    const { killedAt, freed } = await killAtEveryStep(stack, card, originals, `move:${dest}`, dest, points);
    console.log(`after-upload move: killed at ${killedAt.join(', ')} (${killedAt.length} of ${points.length} points reached)`);
    for (const step of ['before-upload', 'mid-chunk:30', 'uploaded', 'registered', 'acting', 'moved']) expect(killedAt).toContain(step);
    expect(filesBelow(card)).toEqual([]);
    // Every original exactly once at the destination, in its folder, and no second copy under a suffixed name.
    expect(filesBelow(dest)).toEqual([...originals.keys()]);
    for (const [rel, sha1] of originals) expect(sha1Of(path.join(dest, rel))).toBe(sha1);
    expect(readdirSync(dest, { recursive: true }).filter((n) => String(n).includes('pixdrop-partial'))).toEqual([]);
    expect([...freed.keys()].sort()).toEqual([...originals.keys()].map((rel) => path.join(card, rel)).sort());
  }, 240_000);

  it('delete: killed at every step, nothing is deleted before its photo is in the album with matching bytes', async () => {
    const card = path.join(stack.dir, 'CardB');
    const originals = makeCard(card);
    // New content for this album (other names, same bytes would be "already there": still verified before deleting).
    const points = ['before-upload', 'mid-chunk:60', 'uploaded', 'registered', 'acting', 'registered:3', 'acting:2'];
    const { killedAt } = await killAtEveryStep(stack, card, originals, 'delete', null, points);
    console.log(`after-upload delete: killed at ${killedAt.join(', ')} (${killedAt.length} of ${points.length} points reached)`);
    for (const step of ['before-upload', 'uploaded', 'registered', 'acting']) expect(killedAt).toContain(step);
    expect(filesBelow(card)).toEqual([]);
  }, 240_000);
});
