#!/usr/bin/env node
/**
 * Shrinks large JPEGs for a held-out set: every byte up to the start of the picture data (all metadata
 * segments, thumbnails and the frame header) is kept as the camera wrote it, the picture data is cut after
 * <keep> bytes and the end-of-image marker is put back. The picture itself is lost; the metadata is not.
 * Check afterwards that exiftool and PixDrop read the shrunk file as the original (see SOURCES.md).
 * Usage: node scripts/heldout-shrink.mjs <source.jpg> <dest.jpg> [keep=1024]
 */
import { readFileSync, writeFileSync } from 'node:fs';

const [source, dest, keepArg] = process.argv.slice(2);
if (!source || !dest) throw new Error('usage: node scripts/heldout-shrink.mjs <source.jpg> <dest.jpg> [keep]');
const keep = Number(keepArg ?? 1024);
const bytes = readFileSync(source);

/** Offset just past the SOS segment header: where the entropy-coded picture data begins. */
function pictureDataStart(data) {
  if (data[0] !== 0xff || data[1] !== 0xd8) throw new Error(`${source}: not a JPEG`);
  let offset = 2;
  while (offset + 4 <= data.length) {
    if (data[offset] !== 0xff) throw new Error(`${source}: broken marker at ${offset}`);
    const marker = data[offset + 1];
    if (marker === 0xff) {
      offset += 1;
      continue;
    }
    const length = data.readUInt16BE(offset + 2);
    if (marker === 0xda) return offset + 2 + length;
    offset += 2 + length;
  }
  throw new Error(`${source}: no picture data`);
}

const cut = Math.min(bytes.length, pictureDataStart(bytes) + keep);
writeFileSync(dest, Buffer.concat([bytes.subarray(0, cut), Buffer.from([0xff, 0xd9])]));
console.log(`${dest}: ${bytes.length} → ${cut + 2} bytes`);
