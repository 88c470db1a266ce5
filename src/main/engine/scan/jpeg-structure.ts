/**
 * Walks a JPEG's marker segments up to the start of the scan (SOS): the frame size from the SOF marker and
 * where the entropy-coded data begins. Segment lengths that run past the end of the file mean the file was cut.
 */
import type { FileHandle } from 'node:fs/promises';
import { readAt } from './containers';

export interface JpegStructure {
  width: number;
  height: number;
  /** Offset of the SOS marker: an end-of-image marker must come after it. */
  scanStart: number;
}

const SOF_MARKERS = new Set([0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf]);
const MAX_SEGMENTS = 1000;

/**
 * null when the marker structure is broken (cut inside a segment, garbage between segments, no scan).
 * `head` holds the file's first bytes already read: segments inside it cost no disk round trip.
 */
export async function readJpegStructure(fh: FileHandle, size: number, headBytes: Buffer = Buffer.alloc(0)): Promise<JpegStructure | null> {
  let offset = 2;
  let width = 0;
  let height = 0;
  for (let segments = 0; segments < MAX_SEGMENTS && offset + 4 <= size; segments += 1) {
    const head = offset + 9 <= headBytes.length ? headBytes.subarray(offset, offset + 9) : await readAt(fh, offset, 9);
    if (head[0] !== 0xff) return null;
    const marker = head[1]!;
    if (marker === 0xff) {
      offset += 1; // fill byte
      continue;
    }
    if (marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      offset += 2;
      continue;
    }
    const length = head.readUInt16BE(2);
    if (length < 2 || offset + 2 + length > size) return null;
    if (SOF_MARKERS.has(marker) && head.length >= 9) {
      height = head.readUInt16BE(5);
      width = head.readUInt16BE(7);
    }
    if (marker === 0xda) return width > 0 ? { width, height, scanStart: offset } : null;
    offset += 2 + length;
  }
  return null;
}
