/**
 * The XMP sidecar of a photo: IMG_1234.xmp / .XMP (Lightroom, Capture One) or IMG_1234.CR2.xmp (darktable),
 * next to it. Each folder is listed once (cached briefly) for the names of its sidecars, so a folder of
 * 50,000 photos costs one directory read instead of three failed opens per photo.
 *
 * A sidecar is only read when it is a regular file of reasonable size, opened without following a symbolic
 * link and without blocking: a pipe named IMG_1234.xmp held a thread-pool thread until a writer came (four
 * of them froze every file operation of the app), and a link to /dev/zero read until memory ran out.
 * A sidecar refused for one of these reasons is reported, and its photo goes on without it.
 */
import { constants } from 'node:fs';
import { open, readdir } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import { readSidecarText, type XmpBlock } from './exif-read';

/** Far above any real sidecar (Lightroom's, with develop history and masks, stays well below 1 MB). */
export const SIDECAR_MAX_BYTES = 4 * 1024 * 1024;
// O_NOFOLLOW: a sidecar is a file next to its photo, never a link to something elsewhere on the disk.
const SIDECAR_OPEN_FLAGS = constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOFOLLOW;

export function sidecarCandidates(photoPath: string): string[] {
  const name = basename(photoPath);
  const stem = name.slice(0, name.length - extname(name).length);
  return [`${stem}.xmp`, `${stem}.XMP`, `${name}.xmp`].map((candidate) => join(dirname(photoPath), candidate));
}

const LISTING_TTL_MS = 2000;
const listings = new Map<string, { at: number; names: Promise<Set<string>> }>();

function sidecarNamesIn(dir: string): Promise<Set<string>> {
  const now = Date.now();
  const cached = listings.get(dir);
  if (cached && now - cached.at < LISTING_TTL_MS) return cached.names;
  const names = readdir(dir).then(
    (all) => new Set(all.filter((name) => name.toLowerCase().endsWith('.xmp'))),
    () => new Set<string>(),
  );
  if (listings.size > 256) listings.clear();
  listings.set(dir, { at: now, names });
  return names;
}

/** A sidecar that was there but not read, and why (said to the user; the photo is uploaded without it). */
export class SidecarRefused extends Error {
  constructor(
    readonly path: string,
    why: string,
  ) {
    super(
      `The sidecar ${path} was not read: ${why}. Its photo is uploaded without the title, keywords and date it would add; replace it with the .xmp file your editor wrote.`,
    );
    this.name = 'SidecarRefused';
  }
}

function refusal(path: string, error: unknown): SidecarRefused | null {
  const code = (error as { code?: string }).code;
  if (code === 'ENOENT') return null; // gone since the listing: there is no sidecar
  if (code === 'ELOOP' || code === 'EMLINK')
    return new SidecarRefused(path, 'it is a symbolic link, and sidecars are read only from regular files next to their photo');
  return new SidecarRefused(path, `it cannot be read (${code ?? String(error)})`);
}

/**
 * The bytes of a sidecar that is a regular file within the size cap (null: gone); throws SidecarRefused
 * otherwise. Bytes, not text: exifr takes a string for a path, a URL or base64, never for XMP itself.
 */
export async function readSidecarFile(path: string): Promise<Buffer | null> {
  let handle;
  try {
    handle = await open(path, SIDECAR_OPEN_FLAGS);
  } catch (error) {
    const refused = refusal(path, error);
    if (refused) throw refused;
    return null;
  }
  try {
    const stats = await handle.stat();
    if (!stats.isFile()) throw new SidecarRefused(path, 'it is not a regular file (a pipe, a device or a folder)');
    if (stats.size > SIDECAR_MAX_BYTES) {
      throw new SidecarRefused(
        path,
        `it is ${(stats.size / 1024 / 1024).toFixed(1)} MB, more than any real sidecar (at most ${SIDECAR_MAX_BYTES / 1024 / 1024} MB are read)`,
      );
    }
    // Read up to one byte past the cap: a file that grew since fstat is refused too, never read without end.
    const buffer = Buffer.allocUnsafe(Math.min(SIDECAR_MAX_BYTES + 1, stats.size + 1));
    let length = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length);
      if (bytesRead === 0) break;
      length += bytesRead;
      if (length === buffer.length) break;
    }
    if (length > SIDECAR_MAX_BYTES) throw new SidecarRefused(path, `it grew beyond ${SIDECAR_MAX_BYTES / 1024 / 1024} MB while it was read`);
    return buffer.subarray(0, length);
  } catch (error) {
    if (error instanceof SidecarRefused) throw error;
    throw refusal(path, error) ?? error;
  } finally {
    await handle.close().catch(() => undefined);
  }
}

/**
 * The photo's sidecar, parsed. A refused sidecar (see SidecarRefused) is handed to `onRefused` and the next
 * candidate is tried; without a usable one the photo simply has no sidecar.
 */
export async function findSidecar(photoPath: string, onRefused: (refused: SidecarRefused) => void = () => undefined): Promise<XmpBlock | undefined> {
  const present = await sidecarNamesIn(dirname(photoPath));
  if (present.size === 0) return undefined;
  for (const candidate of sidecarCandidates(photoPath)) {
    if (!present.has(basename(candidate))) continue;
    let bytes: Buffer | null;
    try {
      bytes = await readSidecarFile(candidate);
    } catch (error) {
      if (error instanceof SidecarRefused) onRefused(error);
      continue;
    }
    if (bytes !== null) return readSidecarText(bytes);
  }
  return undefined;
}
