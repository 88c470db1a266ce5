/**
 * `--album-from-folder=root|leaf|path` and the album-name rule (contract §1: NFC, without case), through the
 * built `pixdrop upload` and the real album backend: which albums exist afterwards and what each holds.
 */
import { copyFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/cli';
import { fixturesDir, requireBuiltCli } from '../../helpers/paths';
import { startTestStack, type TestStack } from '../../helpers/stack';

const PHOTOS = ['cameras/canon-eos-1300d.jpg', 'cameras/apple-iphone-4.jpg', 'cameras/google-pixel.jpg', 'cameras/nikon-e950.jpg'];

function place(folder: string, name: string, photo: string): void {
  mkdirSync(folder, { recursive: true });
  copyFileSync(path.join(fixturesDir, photo), path.join(folder, name));
}

async function api(stack: TestStack, route: string, body?: unknown): Promise<unknown> {
  const response = await fetch(`${stack.backend.url}${route}`, {
    method: body ? 'POST' : 'GET',
    headers: { authorization: `Token token="${stack.token}"`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  return response.json();
}

/** Album name → the file names it holds. */
async function albumContents(stack: TestStack): Promise<Record<string, string[]>> {
  const albums = (await api(stack, '/api/v1/albums')) as { id: string; name: string }[];
  const out: Record<string, string[]> = {};
  for (const album of albums)
    out[album.name] = stack.backend
      .listImages(album.id)
      .map((r) => r.metadatas.filename as string)
      .sort();
  return out;
}

describe('albums from folders', () => {
  let stack: TestStack;
  let wedding: string;
  beforeAll(() => requireBuiltCli());
  beforeEach(async () => {
    stack = await startTestStack();
    wedding = path.join(stack.dir, 'shoot', 'Wedding');
    place(wedding, 'a.jpg', PHOTOS[0]!);
    place(path.join(wedding, 'Ceremony'), 'b.jpg', PHOTOS[1]!);
    place(path.join(wedding, 'Ceremony', 'Rings'), 'c.jpg', PHOTOS[2]!);
    place(path.join(wedding, 'Reception'), 'd.jpg', PHOTOS[3]!);
  });
  afterEach(() => stack?.close());

  it.each([
    ['--album-from-folder', { Wedding: ['a.jpg', 'b.jpg', 'c.jpg', 'd.jpg'] }],
    ['--album-from-folder=root', { Wedding: ['a.jpg', 'b.jpg', 'c.jpg', 'd.jpg'] }],
    ['--album-from-folder=leaf', { Wedding: ['a.jpg'], Ceremony: ['b.jpg'], Rings: ['c.jpg'], Reception: ['d.jpg'] }],
    ['--album-from-folder=path', { Wedding: ['a.jpg'], Ceremony: ['b.jpg'], 'Ceremony / Rings': ['c.jpg'], Reception: ['d.jpg'] }],
  ])('%s makes exactly these albums', async (flag, albums) => {
    const run = await runCli(['upload', wedding, flag, '--json'], stack.env);
    expect(run.code, run.stderr).toBe(0);
    expect(await albumContents(stack)).toEqual(albums);
  });

  it('takes a folder written after the flag as a folder, as before the modes existed', async () => {
    const run = await runCli(['upload', '--album-from-folder', wedding, '--json'], stack.env);
    expect(run.code, run.stderr).toBe(0);
    expect(Object.keys(await albumContents(stack))).toEqual(['Wedding']);
  });

  it('refuses an unknown mode with exit 2, naming the modes', async () => {
    const run = await runCli(['upload', wedding, '--album-from-folder=folder'], stack.env);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--album-from-folder="folder" is not a mode: give root (default), leaf or path.');
  });

  it('Crème (NFD) and crème (NFC) are one album named in NFC; Wedding goes into an existing "wedding"', async () => {
    const nfd = path.join(stack.dir, 'shoot', 'Cre\u0300me');
    const nfc = path.join(stack.dir, 'shoot', 'cr\u00e8me');
    place(nfd, 'x.jpg', PHOTOS[0]!);
    place(nfc, 'y.jpg', PHOTOS[1]!);
    await api(stack, '/api/v1/albums', { name: 'wedding' });
    const run = await runCli(['upload', nfd, nfc, wedding, '--album-from-folder', '--json'], stack.env);
    expect(run.code, run.stderr).toBe(0);
    const albums = await albumContents(stack);
    expect(Object.keys(albums).sort()).toEqual(['Crème', 'wedding']);
    expect(Object.keys(albums).find((n) => n.startsWith('Cr'))).toBe('Cr\u00e8me');
    expect(albums['Crème']).toEqual(['x.jpg', 'y.jpg']);
    expect(albums.wedding).toEqual(['a.jpg', 'b.jpg', 'c.jpg', 'd.jpg']);
  });
});
