/**
 * The XMP sidecar of a photo: IMG_1234.xmp / .XMP (Lightroom, Capture One) or IMG_1234.CR2.xmp (darktable),
 * next to it. Tried by name (a few failed opens) rather than by listing the folder, which would cost
 * a full directory read per photo in a folder of 50,000.
 */
import { readFile } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import { readSidecarText, type XmpBlock } from './exif-read';

export function sidecarCandidates(photoPath: string): string[] {
  const name = basename(photoPath);
  const stem = name.slice(0, name.length - extname(name).length);
  return [`${stem}.xmp`, `${stem}.XMP`, `${name}.xmp`].map((candidate) => join(dirname(photoPath), candidate));
}

export async function findSidecar(photoPath: string): Promise<XmpBlock | undefined> {
  for (const candidate of sidecarCandidates(photoPath)) {
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
