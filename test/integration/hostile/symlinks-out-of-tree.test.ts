/**
 * A folder the user chose holds symbolic links to elsewhere on the disk (a private folder, a single
 * private photo). Nothing outside the chosen folder is read or uploaded, by a scan (`pixdrop upload`)
 * or by a watch; links that point inside it are not followed either (what they lead to is found at its
 * real place, once), so a link back up the tree cannot loop. Links pointing outside are logged.
 */
import { copyFileSync, mkdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inspectPhoto } from '../../../src/main/engine/read/inspect';
import { watchFolder, type WatchHandle } from '../../../src/main/engine/discover/watcher';
import { isWalkProblem, walkPhotos, type FoundFile, type WalkProblem } from '../../../src/main/engine/discover/walk';
import type { Logger } from '../../../src/main/engine/types';
import { ndjson, runCli } from '../../helpers/cli';
import { fixturesDir, requireBuiltCli } from '../../helpers/paths';
import { tempDir } from '../../helpers/stack';
import { waitFor } from '../survival/harness';

const PHOTO = path.join(fixturesDir, 'cameras/nikon-e950.jpg');
const OTHER = path.join(fixturesDir, 'cameras/canon-eos-1300d.jpg');
const PRIVATE = path.join(fixturesDir, 'cameras/pentax-ist-d.jpg');

function recordingLogger(lines: string[]): Logger {
  const logger: Logger = {
    error: (m) => lines.push(`error ${m}`),
    warn: (m) => lines.push(`warn ${m}`),
    info: (m) => lines.push(`info ${m}`),
    debug: (m) => lines.push(`debug ${m}`),
    child: () => logger,
  };
  return logger;
}

/** chosen/ with two photos, links out (a folder, a file) and links in (a folder, a file, one back to the top). */
function makeTree(dir: string) {
  const elsewhere = path.join(dir, 'elsewhere');
  const chosen = path.join(dir, 'chosen');
  mkdirSync(path.join(elsewhere, 'Private'), { recursive: true });
  mkdirSync(path.join(chosen, 'sub'), { recursive: true });
  copyFileSync(PRIVATE, path.join(elsewhere, 'Private', 'secret.jpg'));
  copyFileSync(PRIVATE, path.join(elsewhere, 'secret-single.jpg'));
  copyFileSync(PHOTO, path.join(chosen, 'a.jpg'));
  copyFileSync(OTHER, path.join(chosen, 'sub', 'b.jpg'));
  symlinkSync(path.join(elsewhere, 'Private'), path.join(chosen, 'Private'));
  symlinkSync(path.join(elsewhere, 'secret-single.jpg'), path.join(chosen, 'single.jpg'));
  symlinkSync(path.join(chosen, 'sub'), path.join(chosen, 'sub-again'));
  symlinkSync(path.join(chosen, 'sub', 'b.jpg'), path.join(chosen, 'b-again.jpg'));
  symlinkSync(chosen, path.join(chosen, 'sub', 'back-to-top'));
  return { chosen, elsewhere };
}

describe('symbolic links out of a dropped folder', () => {
  let dir: string;
  beforeAll(() => {
    requireBuiltCli();
    dir = tempDir('pixdrop-links-');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('the scan finds the two photos of the folder, once each, and logs the links that lead outside', async () => {
    const { chosen } = makeTree(path.join(dir, 'walk'));
    const lines: string[] = [];
    const files: FoundFile[] = [];
    const problems: WalkProblem[] = [];
    for await (const item of walkPhotos([chosen], { logger: recordingLogger(lines) })) (isWalkProblem(item) ? problems : files).push(item as never);
    expect(problems).toEqual([]);
    expect(files.map((f) => f.relativePath).sort()).toEqual(['a.jpg', 'sub/b.jpg']);
    const info = lines.filter((l) => l.startsWith('info '));
    expect(info.some((l) => l.includes(path.join(chosen, 'Private')) && l.includes('not followed'))).toBe(true);
    expect(info.some((l) => l.includes(path.join(chosen, 'single.jpg')) && l.includes('not followed'))).toBe(true);
    expect(info).toHaveLength(2); // links inside the folder are no news
  });

  it('pixdrop upload of the folder uploads its two photos and nothing from elsewhere', async () => {
    const { chosen, elsewhere } = makeTree(path.join(dir, 'cli'));
    const env: NodeJS.ProcessEnv = { ...process.env };
    for (const key of Object.keys(env)) if (key.startsWith('PIXDROP_') || key.startsWith('CLOUDINARY_')) delete env[key];
    const dataDir = path.join(dir, 'cli-data');
    const result = await runCli(['upload', chosen, '--album-from-folder', '--json'], { ...env, PIXDROP_DATA_DIR: dataDir }, 60_000);
    expect(result.code, result.stderr).toBe(0);
    const events = ndjson(result.stdout);
    expect(
      events
        .filter((e) => e.type === 'file-uploaded')
        .map((e) => path.relative(chosen, String(e.path)))
        .sort(),
    ).toEqual(['a.jpg', 'sub/b.jpg']);
    // The links that lead outside are not uploaded, so each is said as a file-ignored event naming where it leads.
    expect(events.filter((e) => e.type === 'file-ignored').sort((a, b) => String(a.path).localeCompare(String(b.path)))).toEqual([
      { type: 'file-ignored', path: path.join(chosen, 'Private'), reason: 'unsupported', link_to: path.join(elsewhere, 'Private') },
      { type: 'file-ignored', path: path.join(chosen, 'single.jpg'), reason: 'unsupported', link_to: path.join(elsewhere, 'secret-single.jpg') },
    ]);
    expect(events.at(-1)).toMatchObject({ type: 'summary', uploaded: 2, failed: 0, ignored: 2 });
    const log = readFileSync(path.join(dataDir, 'logs', 'pixdrop.log'), 'utf8');
    expect(log).toContain(`not followed: ${path.join(chosen, 'Private')}`);
    // And in words, by the same run without --json (the album has both photos now).
    const plain = await runCli(['upload', chosen, '--album-from-folder'], { ...env, PIXDROP_DATA_DIR: dataDir }, 60_000);
    expect(plain.stdout).toContain(
      `ignored  ${path.join(chosen, 'single.jpg')} (a symbolic link to ${path.join(elsewhere, 'secret-single.jpg')}, outside the folder`,
    );
    // The dry run says the same of them, in both forms.
    const plan = await runCli(['upload', chosen, '--album-from-folder', '--dry-run', '--json'], { ...env, PIXDROP_DATA_DIR: dataDir }, 60_000);
    expect(plan.code, plan.stderr).toBe(0);
    expect(ndjson(plan.stdout).filter((e) => e.type === 'file-ignored')).toContainEqual({
      type: 'file-ignored',
      path: path.join(chosen, 'Private'),
      reason: 'unsupported',
      link_to: path.join(elsewhere, 'Private'),
    });
    const planWords = await runCli(['upload', chosen, '--album-from-folder', '--dry-run'], { ...env, PIXDROP_DATA_DIR: dataDir }, 60_000);
    expect(planWords.stdout).toContain(`ignored  ${path.join(chosen, 'Private')} (a symbolic link to ${path.join(elsewhere, 'Private')}, outside the folder`);
  }, 90_000);

  it('a relative link is said with where it really leads', async () => {
    const base = path.join(dir, 'relative');
    const { chosen, elsewhere } = makeTree(base);
    symlinkSync(path.join('..', 'elsewhere', 'secret-single.jpg'), path.join(chosen, 'relative.jpg'));
    const env: NodeJS.ProcessEnv = { ...process.env };
    for (const key of Object.keys(env)) if (key.startsWith('PIXDROP_') || key.startsWith('CLOUDINARY_')) delete env[key];
    const plan = await runCli(['upload', chosen, '--album-from-folder', '--dry-run', '--json'], { ...env, PIXDROP_DATA_DIR: path.join(base, 'data') }, 60_000);
    expect(plan.code, plan.stderr).toBe(0);
    expect(ndjson(plan.stdout).find((e) => e.path === path.join(chosen, 'relative.jpg'))).toEqual({
      type: 'file-ignored',
      path: path.join(chosen, 'relative.jpg'),
      reason: 'unsupported',
      link_to: path.join(elsewhere, 'secret-single.jpg'),
    });
  }, 60_000);

  it('a watched folder that is itself a link (a mounted card) is watched, and its photos keep the path as given', async () => {
    const base = path.join(dir, 'linked-root');
    const real = path.join(base, 'media', 'card');
    mkdirSync(real, { recursive: true });
    const given = path.join(base, 'Card');
    symlinkSync(real, given);
    const reported: string[] = [];
    let handle: WatchHandle | null = null;
    try {
      handle = await watchFolder(given, {
        onStable: () => undefined,
        onChanged: (folder) => reported.push(folder),
        onNewFolder: (folder) => reported.push(folder),
        onUnavailable: () => undefined,
        onAvailable: () => undefined,
        stabilityMs: 200,
      });
      mkdirSync(path.join(real, 'DCIM'));
      copyFileSync(PHOTO, path.join(real, 'DCIM', 'DSC_0001.jpg'));
      await waitFor(() => reported.includes(path.join(given, 'DCIM')), 15_000, 'the photo on the card');
      expect(reported.every((folder) => folder.startsWith(given))).toBe(true);
    } finally {
      await handle?.close();
    }
  }, 60_000);

  it('a watch does not say anything about photos that appear behind a link to a folder outside, and logs the link', async () => {
    const base = path.join(dir, 'watch');
    const elsewhere = path.join(base, 'elsewhere');
    const chosen = path.join(base, 'chosen');
    mkdirSync(elsewhere, { recursive: true });
    mkdirSync(chosen, { recursive: true });
    const reported: string[] = [];
    const lines: string[] = [];
    let handle: WatchHandle | null = null;
    try {
      handle = await watchFolder(chosen, {
        onStable: () => undefined,
        onChanged: (folder) => reported.push(folder),
        onNewFolder: (folder) => reported.push(folder),
        onUnavailable: () => undefined,
        onAvailable: () => undefined,
        stabilityMs: 200,
        logger: recordingLogger(lines),
      });
      symlinkSync(elsewhere, path.join(chosen, 'Linked'));
      symlinkSync(PRIVATE, path.join(chosen, 'linked-photo.jpg'));
      copyFileSync(PRIVATE, path.join(elsewhere, 'secret-1.jpg'));
      copyFileSync(PHOTO, path.join(chosen, 'first.jpg'));
      await waitFor(() => reported.includes(chosen), 15_000, 'the first photo of the folder');
      // A photo put in the linked folder once the watch had every chance to see the link, then one in the folder.
      copyFileSync(OTHER, path.join(elsewhere, 'secret-2.jpg'));
      const before = reported.length;
      copyFileSync(OTHER, path.join(chosen, 'second.jpg'));
      await waitFor(() => reported.length > before, 15_000, 'the second photo of the folder');
      // Only the chosen folder itself is ever said to change: nothing behind the link, which is not followed.
      expect(new Set(reported)).toEqual(new Set([chosen]));
      await waitFor(() => lines.some((l) => l.startsWith('info ') && l.includes(path.join(chosen, 'Linked'))), 5_000, 'the link outside to be logged');
    } finally {
      await handle?.close();
    }
  }, 60_000);
});

describe('a photo replaced by a link after it was found', () => {
  let dir: string;
  beforeAll(() => {
    dir = tempDir('pixdrop-swapped-');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is not read when it (or a folder on its way) now leads outside the chosen folder: UNREADABLE, saying why', async () => {
    const { chosen, elsewhere } = makeTree(dir);
    const found = async () => {
      const files: FoundFile[] = [];
      for await (const item of walkPhotos([chosen])) if (!isWalkProblem(item)) files.push(item);
      return files.sort((a, b) => a.relativePath.localeCompare(b.relativePath));
    };
    const [a, b] = await found();
    expect([a!.relativePath, b!.relativePath]).toEqual(['a.jpg', 'sub/b.jpg']);
    // Queued photos can wait for hours: meanwhile the photo becomes a link to a private one, its folder a link to a private folder.
    rmSync(a!.path);
    symlinkSync(path.join(elsewhere, 'secret-single.jpg'), a!.path);
    rmSync(path.join(chosen, 'sub'), { recursive: true });
    copyFileSync(OTHER, path.join(elsewhere, 'Private', 'b.jpg'));
    symlinkSync(path.join(elsewhere, 'Private'), path.join(chosen, 'sub'));
    for (const file of [a!, b!]) {
      const error = await inspectPhoto(file).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toMatchObject({ code: 'UNREADABLE', message: expect.stringContaining('outside the folder') });
      expect((error as Error).message).toContain(file.path);
    }
  });

  it('a photo given by itself as a link is read where it points (the user chose it)', async () => {
    const link = path.join(dir, 'chosen-link.jpg');
    symlinkSync(path.join(dir, 'elsewhere', 'secret-single.jpg'), link);
    const files: FoundFile[] = [];
    for await (const item of walkPhotos([link])) if (!isWalkProblem(item)) files.push(item);
    expect(files).toMatchObject([{ path: path.join(dir, 'elsewhere', 'secret-single.jpg'), relativePath: 'secret-single.jpg' }]);
    await expect(inspectPhoto(files[0]!)).resolves.toMatchObject({ mimeType: 'image/jpeg' });
  });
});
