/**
 * `pixdrop watch` on a folder that a card copy fills slowly, file by file, piece by piece: only
 * whole files are sent (the stored bytes' sha1 is the source's), junk is ignored, a new
 * subfolder is picked up, a renamed file is not uploaded again, a deleted file deletes nothing
 * remote, and after the process is killed and started again the watch carries on.
 */
import { closeSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ndjson, startCli, type RunningCli } from '../../helpers/cli';
import { requireBuiltCli } from '../../helpers/paths';
import { tempDir } from '../../helpers/stack';
import { exactlyOnceReport, jobCounts, makePhotos, sleep, startSurvivalStack, waitFor, type Photo, type SurvivalStack } from './harness';

/** Copies like a card reader: 64 KB pieces, a little pause between them, one longer stall midway. */
async function slowCopy(source: string, target: string, pieceMs = 25): Promise<void> {
  const bytes = readFileSync(source);
  const fd = openSync(target, 'w');
  try {
    const piece = 64 * 1024;
    for (let at = 0; at < bytes.length; at += piece) {
      writeSync(fd, bytes.subarray(at, Math.min(bytes.length, at + piece)));
      await sleep(at === piece * 8 ? 900 : pieceMs);
    }
  } finally {
    closeSync(fd);
  }
}

const JUNK = [
  '.DS_Store',
  '._IMG_9001.jpg',
  'Thumbs.db',
  'desktop.ini',
  '@eaDir/IMG_9002.jpg',
  '.IMG_9003.jpg.tmp',
  'IMG_9004.jpg.part',
  'Catalog.lrcat',
  'Catalog Previews.lrdata/a/b.jpg',
  'IMG_9005.xmp',
];

describe('pixdrop watch, as a card copy fills the folder', () => {
  let stack: SurvivalStack;
  let sources: Photo[];
  let card: string;
  let env: NodeJS.ProcessEnv;
  let watching: RunningCli | null = null;
  beforeAll(async () => {
    requireBuiltCli();
    stack = await startSurvivalStack();
    sources = makePhotos(
      path.join(tempDir('pixdrop-card-src-'), 'src'),
      [
        { name: 'DSC_0001.jpg', size: 3_000_000 },
        { name: 'DSC_0002.jpg', size: 2_500_000 },
        { name: 'DSC_0003.jpg', size: 1_200_000 },
        { name: 'DSC_0004.jpg', size: 900_000 },
        { name: 'DSC_0005.jpg', size: 1_500_000 },
      ],
      31337,
    );
    card = path.join(tempDir('pixdrop-card-'), 'Card 2025');
    mkdirSync(card, { recursive: true });
    env = stack.envFor('watch');
  });
  afterAll(async () => {
    watching?.child.kill('SIGKILL');
    await stack?.close();
  });

  const startWatching = async () => {
    watching = startCli(['watch', card, '--album-from-folder', '--json'], env);
    await waitFor(() => watching!.stdout().includes('"watching '), 20_000, 'the watch to start');
  };

  it('uploads only whole files, ignores junk, follows new subfolders and renames, and resumes after a restart', { timeout: 90_000 }, async () => {
    await startWatching();
    // Junk first: every one of these would be a photo by its bytes or extension.
    for (const junk of JUNK) {
      mkdirSync(path.dirname(path.join(card, junk)), { recursive: true });
      writeFileSync(path.join(card, junk), readFileSync(sources[3].path));
    }
    await slowCopy(sources[0].path, path.join(card, 'DSC_0001.jpg'));
    await slowCopy(sources[1].path, path.join(card, 'DSC_0002.jpg'));
    mkdirSync(path.join(card, 'DCIM', '101CANON'), { recursive: true });
    await slowCopy(sources[2].path, path.join(card, 'DCIM', '101CANON', 'DSC_0003.jpg'));
    const dataDir = env.PIXDROP_DATA_DIR as string;
    await waitFor(() => stack.backend.listImages().length >= 3 && (jobCounts(dataDir).done ?? 0) >= 3, 30_000, 'three photos in the album');
    // The junk settled seconds before DSC_0003 did, and the watcher hands files on in the order they settle:
    // with DSC_0003 in the album, any junk taken would be a job of the library by now.
    expect(jobCounts(dataDir)).toEqual({ done: 3 });
    const afterCopy = exactlyOnceReport(stack, sources.slice(0, 3));
    expect(afterCopy.perPhoto.map((p) => [p.records, p.assets, p.storedSha1 === p.photo.sha1])).toEqual([
      [1, 1, true],
      [1, 1, true],
      [1, 1, true],
    ]);
    // Nothing else was stored: no partial file (its sha1 would be another public_id), no junk.
    expect(afterCopy.records).toBe(3);
    expect(afterCopy.assets).toBe(3);

    // Renamed on disk: recognised by content, not uploaded again. Deleted: nothing remote goes.
    const posts = stack.backend.stats().imagePosts;
    const uploads = stack.cloudinary.stats().uploadRequests;
    renameSync(path.join(card, 'DSC_0001.jpg'), path.join(card, 'Ceremony-001.jpg'));
    rmSync(path.join(card, 'DSC_0002.jpg'));
    await waitFor(() => (jobCounts(env.PIXDROP_DATA_DIR as string).skipped ?? 0) >= 1, 15_000, 'the renamed file to be recognised');
    expect(stack.backend.stats().imagePosts).toBe(posts);
    expect(stack.cloudinary.stats().uploadRequests).toBe(uploads);
    expect(stack.backend.listImages()).toHaveLength(3);

    // Killed; a copy starts while nothing runs and is still going when the watch starts again
    // (its start-up scan sees a half-written file): the watch carries on and sends it whole.
    watching!.child.kill('SIGKILL');
    await watching!.done;
    const copying = slowCopy(sources[3].path, path.join(card, 'DSC_0004.jpg'), 80);
    await sleep(300);
    await startWatching();
    await copying;
    await slowCopy(sources[4].path, path.join(card, 'DCIM', '101CANON', 'DSC_0005.jpg'));
    await waitFor(() => stack.backend.listImages().length >= 5, 30_000, 'the photos copied around the restart');
    const final = exactlyOnceReport(stack, sources);
    console.log(
      `records ${final.records}, assets ${final.assets}, stored sha1 matches: ${final.perPhoto.map((p) => p.storedSha1 === p.photo.sha1).join(',')}; ` +
        `image POSTs ${stack.backend.stats().imagePosts}; jobs ${JSON.stringify(jobCounts(env.PIXDROP_DATA_DIR as string))}`,
    );
    expect(final.perPhoto.every((p) => p.records === 1 && p.assets === 1 && p.storedSha1 === p.photo.sha1)).toBe(true);
    expect(final.records).toBe(5);
    expect(final.assets).toBe(5);
    expect(stack.backend.stats().imagePosts).toBe(5);
    watching!.child.kill('SIGTERM');
    const result = await watching!.done;
    const failed = ndjson(result.stdout).filter((e) => e.type === 'file-failed');
    expect(failed, JSON.stringify(failed)).toEqual([]);
  });
});
