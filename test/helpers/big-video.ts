/**
 * Big videos for streaming tests, made from a real clip: its `mdat` box (the media data) is grown to the size
 * wanted and its size field rewritten. The clip's `moov` box follows `mdat`, and its sample offsets point to the
 * start of `mdat`, which does not move, so the result is the same valid movie, as long as a camera would write it.
 * The added bytes are a sparse hole with a 16-byte stamp of its offset every MiB: little disk, yet a chunk that
 * landed at the wrong offset changes the hash.
 */
import { createHash } from 'node:crypto';
import { closeSync, openSync, readFileSync, statfsSync, writeSync } from 'node:fs';

const STAMP_EVERY = 1 << 20;

interface Box {
  type: string;
  start: number;
  size: number;
}

function topLevelBoxes(movie: Buffer): Box[] {
  const boxes: Box[] = [];
  for (let start = 0; start + 8 <= movie.length;) {
    const size = movie.readUInt32BE(start);
    if (size < 8) throw new Error(`unexpected box size ${size} at ${start}: pick a clip without 64-bit or open-ended boxes`);
    boxes.push({ type: movie.toString('latin1', start + 4, start + 8), start, size });
    start += size;
  }
  return boxes;
}

export interface BigVideo {
  size: number;
  sha1: string;
}

/** Writes `source` grown to `size` bytes at `target`; returns the SHA-1 of what was written. */
export function writeGrownMovie(source: string, target: string, size: number): BigVideo {
  const movie = readFileSync(source);
  const mdat = topLevelBoxes(movie).find((b) => b.type === 'mdat');
  if (!mdat) throw new Error(`${source} has no mdat box`);
  const added = size - movie.length;
  const mdatEnd = mdat.start + mdat.size;
  if (added <= 0 || mdat.size + added > 0xffff_ffff) throw new Error(`cannot grow ${source} to ${size} bytes with a 32-bit mdat`);
  const head = Buffer.from(movie.subarray(0, mdatEnd));
  head.writeUInt32BE(mdat.size + added, mdat.start);
  const tail = movie.subarray(mdatEnd);

  const hash = createHash('sha1');
  const fd = openSync(target, 'w');
  try {
    writeSync(fd, head, 0, head.length, 0);
    hash.update(head);
    const block = Buffer.alloc(STAMP_EVERY);
    for (let offset = 0; offset < added; offset += STAMP_EVERY) {
      const length = Math.min(STAMP_EVERY, added - offset);
      block.fill(0);
      const stamp = Buffer.from(`@${offset.toString(16).padStart(15, '0')}`, 'latin1').subarray(0, Math.min(16, length));
      stamp.copy(block);
      writeSync(fd, stamp, 0, stamp.length, mdatEnd + offset);
      hash.update(length === STAMP_EVERY ? block : block.subarray(0, length));
    }
    writeSync(fd, tail, 0, tail.length, mdatEnd + added);
    hash.update(tail);
  } finally {
    closeSync(fd);
  }
  return { size, sha1: hash.digest('hex') };
}

/** Fails (never skips) when the folder's file system has less than `bytes` free, saying how much is missing. */
export function requireFreeSpace(folder: string, bytes: number, what: string): void {
  const fs = statfsSync(folder);
  const free = Number(fs.bavail) * Number(fs.bsize);
  if (free < bytes) {
    const gb = (n: number) => `${(n / 1e9).toFixed(2)} GB`;
    throw new Error(`${what} needs ${gb(bytes)} free in ${folder}, which has ${gb(free)}: free some space (or point TMPDIR elsewhere) and run it again.`);
  }
}
