/**
 * Moving and deleting a verified file without ever losing it or overwriting anything:
 *  - the destination is taken with link(2), which fails rather than replace an existing file; a name already
 *    taken by other content gets a suffix (`IMG_0001 (1).JPG`); one holding these very bytes (our own copy from
 *    before a kill) is used as it is;
 *  - across file systems (link says EXDEV) the bytes are copied to a hidden partial file beside the destination,
 *    fsynced, checked, and only then given the destination's name (link again, so still no overwrite);
 *  - the original is removed only once its destination is complete and synced.
 */
import { constants } from 'node:fs';
import { copyFile, link, mkdir, open, rename, unlink } from 'node:fs/promises';
import path from 'node:path';
import { crashPoint } from '../crash-points';
import { readFileFacts } from './file-facts';

async function syncPath(p: string): Promise<void> {
  const handle = await open(p, 'r').catch(() => null);
  if (!handle) return;
  try {
    await handle.sync().catch(() => undefined); // some file systems cannot sync a folder; the data itself was synced
  } finally {
    await handle.close();
  }
}

/** `name.ext`, `name (1).ext`, `name (2).ext`… */
export function candidateName(wanted: string, n: number): string {
  if (n === 0) return wanted;
  const ext = path.extname(wanted);
  return `${wanted.slice(0, wanted.length - ext.length)} (${n})${ext}`;
}

const code = (error: unknown) => (error as NodeJS.ErrnoException).code;

/** Gives `from` the name `to` unless `to` exists: 'taken' then. Falls back to rename where hard links are not supported (FAT cards). */
async function claimName(from: string, to: string): Promise<'linked' | 'taken' | 'cross-device'> {
  try {
    await link(from, to);
    return 'linked';
  } catch (error) {
    if (code(error) === 'EEXIST') return 'taken';
    if (code(error) === 'EXDEV') return 'cross-device';
    if (code(error) !== 'EPERM' && code(error) !== 'ENOTSUP' && code(error) !== 'EOPNOTSUPP') throw error;
  }
  if (await readFileFacts(to)) return 'taken';
  await rename(from, to);
  return 'linked';
}

/** A complete, synced copy of `source` beside `dir`'s files, checked against the expected SHA-1. */
const partialOf = (source: string, dir: string) => path.join(dir, `.${path.basename(source)}.pixdrop-partial`);

/** A move a kill cut short after the original was removed: only the hidden partial copy may be left to clear. */
export async function clearPartial(source: string, wanted: string): Promise<void> {
  await unlink(partialOf(source, path.dirname(wanted))).catch(() => undefined);
}

async function partialCopy(source: string, dir: string, sha1: string): Promise<string> {
  const partial = partialOf(source, dir);
  await copyFile(source, partial, constants.COPYFILE_EXCL);
  await syncPath(partial);
  const facts = await readFileFacts(partial);
  if (facts?.sha1 !== sha1) {
    await unlink(partial).catch(() => undefined);
    throw new Error(`the copy of ${source} in ${dir} does not match the original; the original is kept`);
  }
  return partial;
}

/**
 * Puts the file `source` (whose content has SHA-1 `sha1`) at `wanted` or the first free suffixed name, then
 * removes `source`. Returns where it is now. Safe to call again after a kill at any point.
 */
export async function moveWithoutOverwrite(source: string, wanted: string, sha1: string): Promise<string> {
  const dir = path.dirname(wanted);
  await mkdir(dir, { recursive: true });
  await unlink(partialOf(source, dir)).catch(() => undefined); // a copy a kill left behind, complete or not
  let partial: string | null = null;
  try {
    for (let n = 0; ; n += 1) {
      const to = candidateName(wanted, n);
      const existing = await readFileFacts(to);
      if (existing?.sha1 === sha1) return await removeOriginal(source, to, dir);
      if (existing) continue;
      const outcome = await claimName(partial ?? source, to);
      if (outcome === 'taken') continue;
      if (outcome === 'cross-device') {
        partial = await partialCopy(source, dir, sha1);
        n -= 1; // the same name again, now from the copy on this file system
        continue;
      }
      return await removeOriginal(source, to, dir);
    }
  } finally {
    if (partial) await unlink(partial).catch(() => undefined);
  }
}

async function removeOriginal(source: string, to: string, dir: string): Promise<string> {
  await syncPath(dir);
  crashPoint('moved');
  await unlink(source).catch((error: unknown) => {
    if (code(error) !== 'ENOENT') throw error;
  });
  await syncPath(path.dirname(source));
  return to;
}

/** Deletes a verified file; already gone is fine (a kill came after the unlink). */
export async function deleteFile(source: string): Promise<void> {
  await unlink(source).catch((error: unknown) => {
    if (code(error) !== 'ENOENT') throw error;
  });
  await syncPath(path.dirname(source));
}
