/** The folder chooser's listing: folders only, sorted as people sort, hidden and system folders left out, bad paths said plainly. */
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { apiArgSchemas } from '../../../src/main/api/schemas';
import { isShownFolder, listDirectory } from '../../../src/main/engine/commands/folders';
import { useTempDir } from '../../helpers/temp-dir';

function tree(): string {
  const root = useTempDir('pixdrop-folders-');
  for (const name of ['Trip 10', 'Trip 2', '.thumbnails', '@eaDir', '$RECYCLE.BIN', 'lost+found', 'Wedding']) mkdirSync(path.join(root, name));
  writeFileSync(path.join(root, 'IMG_0001.JPG'), 'not listed');
  return root;
}

describe('listDirectory', () => {
  it('lists the sub-folders a photographer would look in, in natural order, and never files', async () => {
    const root = tree();
    const listing = await listDirectory(root);
    expect(listing.path).toBe(root);
    expect(listing.parent).toBe(path.dirname(root));
    expect(listing.folders).toEqual(['Trip 2', 'Trip 10', 'Wedding'].map((name) => ({ name, path: path.join(root, name) })));
  });

  it('starts at the home folder when given none', async () => {
    const listing = await listDirectory(null);
    expect(listing.path).toBe(os.homedir());
    expect(listing.home).toBe(os.homedir());
  });

  it('says what is wrong with a missing folder or a file', async () => {
    const root = tree();
    await expect(listDirectory(path.join(root, 'gone'))).rejects.toMatchObject({ code: 'FILE_GONE', message: expect.stringContaining('gone') });
    await expect(listDirectory(path.join(root, 'IMG_0001.JPG'))).rejects.toMatchObject({ code: 'REJECTED', message: expect.stringContaining('not a folder') });
  });

  it('leaves out the system folders at the root of a disk but not a user folder of the same name deeper down', () => {
    expect(isShownFolder('proc', true)).toBe(false);
    expect(isShownFolder('usr', true)).toBe(false);
    expect(isShownFolder('home', true)).toBe(true);
    expect(isShownFolder('media', true)).toBe(true);
    expect(isShownFolder('var', false)).toBe(true);
  });

  it('accepts only an absolute path or null', () => {
    expect(apiArgSchemas.listDirectory.safeParse(['/home/ana']).success).toBe(true);
    expect(apiArgSchemas.listDirectory.safeParse([null]).success).toBe(true);
    expect(apiArgSchemas.listDirectory.safeParse(['relative/dir']).success).toBe(false);
    expect(apiArgSchemas.listDirectory.safeParse(['/a\u0000b']).success).toBe(false);
  });
});
