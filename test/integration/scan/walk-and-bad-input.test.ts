import { chmod, copyFile, mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { inspectPhoto } from '../../../src/main/engine/read/inspect';
import { isWalkProblem, walkPhotos, type FoundFile, type WalkProblem } from '../../../src/main/engine/discover/walk';
import { fixturesDir, tempDir } from '../../helpers';

const photos = fixturesDir;
let dir: string;

async function collect(roots: string[]): Promise<{ files: FoundFile[]; problems: WalkProblem[] }> {
  const files: FoundFile[] = [];
  const problems: WalkProblem[] = [];
  for await (const item of walkPhotos(roots)) (isWalkProblem(item) ? problems : files).push(item as never);
  return { files, problems };
}

beforeAll(() => {
  dir = tempDir('pixdrop-scan-');
});

describe('walkPhotos', () => {
  it('finds every fixture photo with /-separated relative paths, skipping the sidecar', async () => {
    const { files, problems } = await collect([photos]);
    expect(problems).toEqual([]);
    const relative = files.map((f) => f.relativePath);
    expect(relative).toContain('names/Crème brûlée.jpg'.normalize('NFD')); // the NFD name is kept byte for byte
    expect(relative).not.toContain('names/Crème brûlée.jpg'.normalize('NFC'));
    expect(relative).toContain('names/emoji 📷 camera roll.jpeg');
    expect(relative).toContain('raw/canon-eos-r6.CR3');
    expect(relative).not.toContain('iptc-xmp/IMG_5910.xmp');
    expect(files.every((f) => f.root === photos)).toBe(true);
  });

  it('takes a single file as a root: root is its folder, relativePath its name', async () => {
    const { files } = await collect([path.join(photos, 'cameras/nikon-e950.jpg')]);
    expect(files).toMatchObject([{ root: path.join(photos, 'cameras'), relativePath: 'nikon-e950.jpg', size: 164151 }]);
  });

  it('skips junk, survives symlink loops and reports a root that vanished', async () => {
    const root = path.join(dir, 'loops');
    await mkdir(path.join(root, 'sub', '@eaDir'), { recursive: true });
    await copyFile(path.join(photos, 'cameras/nikon-e950.jpg'), path.join(root, 'sub', 'a.jpg'));
    await writeFile(path.join(root, '.DS_Store'), 'x');
    await writeFile(path.join(root, '._a.jpg'), 'x');
    await writeFile(path.join(root, 'sub', '@eaDir', 'a.jpg'), 'x');
    await symlink(root, path.join(root, 'sub', 'back-to-top')); // directory loop
    await symlink('self.jpg', path.join(root, 'self.jpg')); // a link to itself: ELOOP
    const { files, problems } = await collect([root, path.join(dir, 'no-such-folder')]);
    expect(files.map((f) => f.relativePath)).toEqual(['sub/a.jpg']);
    expect(problems.map((p) => p.error.code).sort()).toEqual(['FILE_GONE', 'UNREADABLE']);
  });

  it('walks a folder of 5,000 files without trouble', async () => {
    const root = path.join(dir, 'many');
    await mkdir(root);
    const bytes = await readFile(path.join(photos, 'orientation/Landscape_1.jpg'));
    const tiny = bytes.subarray(0, 64);
    await Promise.all(Array.from({ length: 5000 }, (_, i) => writeFile(path.join(root, `IMG_${String(i).padStart(5, '0')}.jpg`), tiny)));
    const { files, problems } = await collect([root]);
    expect(problems).toEqual([]);
    expect(files).toHaveLength(5000);
  });
});

describe('bad input gives a clear per-file error', () => {
  const found = (p: string): FoundFile => ({ path: p, root: dir, relativePath: path.basename(p), size: 0, mtimeMs: 0 });

  it('0 bytes → EMPTY_FILE; text named .jpg → NOT_A_PHOTO; vanished → FILE_GONE', async () => {
    await writeFile(path.join(dir, 'empty.jpg'), '');
    await writeFile(path.join(dir, 'notes.jpg'), 'these are my notes, not a photo\n'.repeat(4));
    await expect(inspectPhoto(found(path.join(dir, 'empty.jpg')))).rejects.toMatchObject({ code: 'EMPTY_FILE' });
    await expect(inspectPhoto(found(path.join(dir, 'notes.jpg')))).rejects.toMatchObject({
      code: 'NOT_A_PHOTO',
      message: expect.stringContaining('notes.jpg'),
    });
    await expect(inspectPhoto(found(path.join(dir, 'gone.jpg')))).rejects.toMatchObject({ code: 'FILE_GONE' });
  });

  it('a 255-byte name and an emoji name are read like any other', async () => {
    const long = `${'x'.repeat(251)}.jpg`;
    expect(Buffer.byteLength(long)).toBe(255);
    await copyFile(path.join(photos, 'cameras/nikon-e950.jpg'), path.join(dir, long));
    const inspected = await inspectPhoto(found(path.join(dir, long)));
    expect(inspected.metadatas.filename).toBe(long);
    expect(inspected.metadatas.camera_model).toBe('E950');
  });

  it('an unreadable file → UNREADABLE (skipped when running as root, where chmod 000 does not block reads)', async (ctx) => {
    if (process.getuid?.() === 0) {
      ctx.skip(); // root bypasses file permissions: there is no unreadable file to make
      return;
    }
    const p = path.join(dir, 'locked.jpg');
    await copyFile(path.join(photos, 'cameras/nikon-e950.jpg'), p);
    await chmod(p, 0o000);
    await expect(inspectPhoto(found(p))).rejects.toMatchObject({ code: 'UNREADABLE' });
  });

  it('a directory named like a photo → UNREADABLE, not a crash', async () => {
    await mkdir(path.join(dir, 'folder.jpg'));
    await expect(inspectPhoto(found(path.join(dir, 'folder.jpg')))).rejects.toMatchObject({ code: 'UNREADABLE' });
  });
});
