/**
 * The XMP sidecar of a photo: IMG_1234.xmp / .XMP (Lightroom, Capture One) or IMG_1234.CR2.xmp (darktable),
 * next to it. Each folder is listed once (cached briefly) for the names of its sidecars, so a folder of
 * 50,000 photos costs one directory read instead of three failed opens per photo.
 */
import { readdir, readFile } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import { readSidecarText, type XmpBlock } from './exif-read';

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

export async function findSidecar(photoPath: string): Promise<XmpBlock | undefined> {
  const present = await sidecarNamesIn(dirname(photoPath));
  if (present.size === 0) return undefined;
  for (const candidate of sidecarCandidates(photoPath)) {
    if (!present.has(basename(candidate))) continue;
    let text: string;
    try {
      text = await readFile(candidate, 'utf8');
    } catch {
      continue;
    }
    return readSidecarText(text);
  }
  return undefined;
}
