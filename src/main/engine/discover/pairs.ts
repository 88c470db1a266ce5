/**
 * Pairs (contract §1 `--raw-jpeg`, §3 Live Photos): files of one base name in one folder that are one picture.
 * A RAW and a JPEG (or HEIF) a camera wrote together: by default one album photo, the JPEG shown and the RAW
 * uploaded beside it (`pair`); `both` keeps them apart, `jpeg` or `raw` uploads only that one. A still and a
 * MOV of one base name (how an iPhone exports a Live Photo) are one album photo with its clip. Pure.
 */
import path from 'node:path';
import { photoTypeByExtension } from '../metadata/photo-types';
import type { FoundFile } from './walk';

export type RawJpegMode = 'pair' | 'both' | 'jpeg' | 'raw';
export const RAW_JPEG_MODES: readonly RawJpegMode[] = ['pair', 'both', 'jpeg', 'raw'];

export interface Companions {
  raw?: FoundFile;
  motion?: FoundFile;
}

export interface Grouped {
  /** What becomes an album photo each, with what goes along. */
  photos: { file: FoundFile; companions: Companions }[];
  /** The half of a pair this mode does not upload. */
  paired: FoundFile[];
}

/** What a camera or phone writes beside a RAW, and what a Live Photo's still is. */
const STILL_EXTENSIONS = new Set(['jpg', 'jpeg', 'jpe', 'heic', 'heif', 'hif']);
const MOTION_EXTENSIONS = new Set(['mov']);

const extensionOf = (file: FoundFile) => path.extname(file.path).slice(1).toLowerCase();
/** Folder + base name, without case: IMG_0001.CR2 and IMG_0001.jpg are one shot. */
const shotKey = (file: FoundFile) => `${path.dirname(file.path)}\0${path.basename(file.path, path.extname(file.path)).toLowerCase()}`;

function kindOf(file: FoundFile): 'still' | 'raw' | 'motion' | 'other' {
  const ext = extensionOf(file);
  if (STILL_EXTENSIONS.has(ext)) return 'still';
  if (MOTION_EXTENSIONS.has(ext)) return 'motion';
  return photoTypeByExtension(file.path)?.raw ? 'raw' : 'other';
}

function groupOne(files: FoundFile[], mode: RawJpegMode, out: Grouped): void {
  const byKind = (kind: ReturnType<typeof kindOf>) => files.filter((f) => kindOf(f) === kind);
  const [stills, raws, motions] = [byKind('still'), byKind('raw'), byKind('motion')];
  // Only a clean shot pairs: one of each. Anything ambiguous is uploaded file by file, as before.
  if (stills.length !== 1 || raws.length > 1 || motions.length > 1 || (raws.length === 0 && motions.length === 0)) {
    files.forEach((file) => out.photos.push({ file, companions: {} }));
    return;
  }
  const [still, raw, motion] = [stills[0]!, raws[0], motions[0]];
  const companions: Companions = motion ? { motion } : {};
  for (const other of files.filter((f) => f !== still && f !== raw && f !== motion)) out.photos.push({ file: other, companions: {} });
  if (!raw || mode === 'pair') {
    out.photos.push({ file: still, companions: raw ? { ...companions, raw } : companions });
  } else if (mode === 'both') {
    out.photos.push({ file: still, companions }, { file: raw, companions: {} });
  } else if (mode === 'jpeg') {
    out.photos.push({ file: still, companions });
    out.paired.push(raw);
  } else {
    out.photos.push({ file: raw, companions });
    out.paired.push(still);
  }
}

/** Groups the files of one folder (any order) into album photos; files that pair with nothing stay alone. */
export function groupPairs(files: FoundFile[], mode: RawJpegMode = 'pair'): Grouped {
  const shots = new Map<string, FoundFile[]>();
  for (const file of files) {
    const key = shotKey(file);
    const shot = shots.get(key);
    if (shot) shot.push(file);
    else shots.set(key, [file]);
  }
  const out: Grouped = { photos: [], paired: [] };
  for (const shot of shots.values()) {
    if (shot.length === 1) out.photos.push({ file: shot[0]!, companions: {} });
    else groupOne(shot, mode, out);
  }
  return out;
}
