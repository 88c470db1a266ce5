/**
 * `pixdrop watch` with the options of `upload` (contract §1), through the built CLI and the real local servers:
 * --exclude, --raw-jpeg and --album-from-folder=leaf apply to what is there, to files dropped in while the watch
 * runs, and after a restart, when the watch resumes from the library (`pixdrop serve`) with the options it was given.
 */
import { closeSync, copyFileSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ndjson, runCli, startCli, type RunningCli } from '../../helpers/cli';
import { fixturesDir, requireBuiltCli, waitFor } from '../../helpers/index';
import { startTestStack, type TestStack } from '../../helpers/stack';
import { pairsDir } from '../../helpers/videos';

function place(folder: string, name: string, from: string): void {
  mkdirSync(folder, { recursive: true });
  copyFileSync(from, path.join(folder, name));
}

async function stop(running: RunningCli): Promise<void> {
  running.child.kill('SIGINT');
  const result = await running.done;
  expect(result.code, result.stderr).toBe(0);
}

describe('pixdrop watch with options', () => {
  let stack: TestStack;
  let wedding: string;
  let running: RunningCli | null = null;
  beforeAll(() => requireBuiltCli());
  beforeEach(async () => {
    stack = await startTestStack();
    wedding = path.join(stack.dir, 'shoot', 'Wedding');
  });
  afterEach(async () => {
    running?.child.kill('SIGKILL');
    await running?.done;
    running = null;
    await stack?.close();
  });

  /** Album name → relative paths it holds, from the backend's own records. */
  const albums = () => {
    const out: Record<string, string[]> = {};
    for (const r of stack.backend.listImages()) (out[String(r.metadatas.relative_path).split('/')[0]!] ??= []).push(String(r.metadatas.relative_path));
    for (const list of Object.values(out)) list.sort();
    return out;
  };
  const assetCount = () => stack.cloudinary.listAssets().length;
  const ignoredOf = (run: RunningCli) =>
    ndjson(run.stdout())
      .filter((e) => e.type === 'file-ignored')
      .map((e) => `${path.relative(wedding, String(e.path))} ${String(e.reason)}`)
      .sort();

  it('follows --exclude, --raw-jpeg jpeg and leaf albums for files there, dropped in, and after a restart', { timeout: 120_000 }, async () => {
    place(path.join(wedding, 'Ceremony'), 'DSC_0042.JPG', path.join(pairsDir, 'raw-jpeg/DSC_0042.JPG'));
    place(path.join(wedding, 'Ceremony'), 'DSC_0042.NEF', path.join(pairsDir, 'raw-jpeg/DSC_0042.NEF'));
    place(path.join(wedding, 'Ceremony', 'rejects'), 'blink.jpg', path.join(fixturesDir, 'cameras/nikon-e950.jpg'));
    const args = ['watch', wedding, '--album-from-folder=leaf', '--exclude', '**/rejects/**', '--raw-jpeg', 'jpeg', '--json'];
    running = startCli(args, stack.env);
    await waitFor(() => (albums().Ceremony?.length ?? 0) === 1, 60_000, 'the JPEG of the pair in "Ceremony"');
    await waitFor(() => ignoredOf(running!).length === 2, 30_000, 'two ignored lines');
    expect(ignoredOf(running)).toEqual(['Ceremony/DSC_0042.NEF paired', 'Ceremony/rejects/blink.jpg filtered']);

    const listed = await runCli(['watches', '--json'], stack.env);
    expect(JSON.parse(listed.stdout)).toEqual([
      { id: expect.any(Number), path: wedding, album_from_folder: true, album_mode: 'leaf', options: { exclude: ['**/rejects/**'], raw_jpeg: 'jpeg' } },
    ]);
    const plain = await runCli(['watches'], stack.env);
    expect(plain.stdout).toContain(`${wedding}\talbum from folder (leaf)\t--exclude **/rejects/** --raw-jpeg jpeg`);

    // Dropped in while it runs: a new leaf folder with a RAW+JPEG pair and a reject.
    place(path.join(wedding, 'Reception'), 'IMG_0001.JPG', path.join(pairsDir, 'raw-jpeg/IMG_0001.JPG'));
    place(path.join(wedding, 'Reception'), 'IMG_0001.CR2', path.join(pairsDir, 'raw-jpeg/IMG_0001.CR2'));
    place(path.join(wedding, 'Reception', 'rejects'), 'dark.jpg', path.join(fixturesDir, 'cameras/ricoh-rdc-5300.jpg'));
    await waitFor(() => (albums().Reception?.length ?? 0) === 1, 60_000, 'the dropped JPEG in "Reception"');
    await waitFor(() => ignoredOf(running!).length === 4, 30_000, 'the dropped RAW and reject reported');
    expect(ignoredOf(running)).toEqual([
      'Ceremony/DSC_0042.NEF paired',
      'Ceremony/rejects/blink.jpg filtered',
      'Reception/IMG_0001.CR2 paired',
      'Reception/rejects/dark.jpg filtered',
    ]);
    await stop(running);
    running = null;

    // Restarted: `pixdrop serve` resumes the watch from the library, with its options; a file dropped in follows them.
    place(path.join(wedding, 'Party'), 'IMG_0001.JPG', path.join(fixturesDir, 'cameras/google-pixel.jpg'));
    place(path.join(wedding, 'Party'), 'IMG_0001.CR2', path.join(pairsDir, 'raw-jpeg/IMG_0001.CR2'));
    place(path.join(wedding, 'Party', 'rejects'), 'blur.jpg', path.join(fixturesDir, 'cameras/apple-iphone-4.jpg'));
    running = startCli(['serve', '--port', '0'], stack.env);
    await waitFor(() => (albums().Party?.length ?? 0) === 1, 60_000, 'the JPEG found on restart in "Party"');
    place(path.join(wedding, 'Party'), 'IMG_0002.JPG', path.join(fixturesDir, 'cameras/sony-dslr-a200.jpg'));
    place(path.join(wedding, 'Party', 'rejects'), 'late.jpg', path.join(fixturesDir, 'cameras/nikon-e950.jpg'));
    await waitFor(() => (albums().Party?.length ?? 0) === 2, 60_000, 'the photo dropped in after the restart');
    await stop(running);
    running = null;

    // `pixdrop watch` again: the folder resumed from the library (scanned as the engine starts) still says what it leaves out.
    running = startCli(args, stack.env);
    await waitFor(() => running!.stdout().includes(`watching ${wedding}`), 30_000, 'the watch to start');
    await waitFor(() => ignoredOf(running!).length === 7, 30_000, 'every file left out, said again by the new process');
    expect(ignoredOf(running)).toEqual([
      'Ceremony/DSC_0042.NEF paired',
      'Ceremony/rejects/blink.jpg filtered',
      'Party/IMG_0001.CR2 paired',
      'Party/rejects/blur.jpg filtered',
      'Party/rejects/late.jpg filtered',
      'Reception/IMG_0001.CR2 paired',
      'Reception/rejects/dark.jpg filtered',
    ]);
    await stop(running);
    running = null;

    expect(albums()).toEqual({
      Ceremony: ['Ceremony/DSC_0042.JPG'],
      Party: ['Party/IMG_0001.JPG', 'Party/IMG_0002.JPG'],
      Reception: ['Reception/IMG_0001.JPG'],
    });
    const named = (await (await fetch(`${stack.backend.url}/api/v1/albums`, { headers: { authorization: `Token token="${stack.token}"` } })).json()) as {
      name: string;
      images_count: number;
    }[];
    expect(named.map((a) => `${a.name} ${a.images_count}`).sort()).toEqual(['Ceremony 1', 'Party 2', 'Reception 1']);
    // No RAW and no reject reached Cloudinary: one asset per album photo.
    expect(assetCount()).toBe(4);
  });

  it('keeps a JPEG back while its RAW is still being copied, so the pair goes together', { timeout: 90_000 }, async () => {
    const card = path.join(wedding, 'Card');
    mkdirSync(card, { recursive: true });
    running = startCli(['watch', wedding, '--album-from-folder', '--json'], stack.env);
    await waitFor(() => running!.stdout().includes(`watching ${wedding}`), 30_000, 'the watch to start');
    place(card, 'DSC_0042.JPG', path.join(pairsDir, 'raw-jpeg/DSC_0042.JPG'));
    // The RAW copies slowly (a card reader), for longer than the JPEG takes to settle and be walked.
    const raw = readFileSync(path.join(pairsDir, 'raw-jpeg/DSC_0042.NEF'));
    const fd = openSync(path.join(card, 'DSC_0042.NEF'), 'w');
    try {
      for (let at = 0; at < raw.length; at += 256) {
        writeSync(fd, raw.subarray(at, Math.min(raw.length, at + 256)));
        await sleep(200);
      }
    } finally {
      closeSync(fd);
    }
    await waitFor(() => stack.backend.listImages().length === 1 && stack.cloudinary.listAssets().length === 2, 60_000, 'the pair in the album');
    const [record] = stack.backend.listImages();
    expect(record!.metadatas.relative_path).toBe('Card/DSC_0042.JPG');
    expect(record!.metadatas.raw_public_id).toMatch(/^pixdrop\/[0-9a-f]{40}$/);
    await stop(running);
    running = null;
  });
});
