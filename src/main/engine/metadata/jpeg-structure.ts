/**
 * Walks a JPEG's marker segments up to the start of the scan (SOS): the frame size from the SOF marker and
 * where the entropy-coded data begins. Segment lengths that run past the end of the file mean the file was cut.
 * FLIR cameras split their own record file over APP1 "FLIR\0" segments: where each piece lies is noted on the way.
 */
import { readAt, type PhotoBytes } from '../read/photo-bytes';

export interface JpegStructure {
  width: number;
  height: number;
  /** Offset of the SOS marker: an end-of-image marker must come after it. */
  scanStart: number;
  /** The pieces of a FLIR record file, in file order: piece number and where its bytes lie. */
  flirChunks: FlirChunk[];
}

export interface FlirChunk {
  index: number;
  /** How many pieces the segment says there are (exiftool: the count byte + 1). */
  total: number;
  at: number;
  length: number;
}

const FLIR_HEADER = 8; // "FLIR\0", version, piece number, piece count - 1

const SOF_MARKERS = new Set([0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf]);
const MAX_SEGMENTS = 1000;

/** null when the marker structure is broken (cut inside a segment, garbage between segments, no scan). */
export async function readJpegStructure(photo: PhotoBytes): Promise<JpegStructure | null> {
  const { size } = photo;
  let offset = 2;
  let width = 0;
  let height = 0;
  const flirChunks: FlirChunk[] = [];
  for (let segments = 0; segments < MAX_SEGMENTS && offset + 4 <= size; segments += 1) {
    const head = await readAt(photo, offset, 12);
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
    if (marker === 0xe1 && length >= 2 + FLIR_HEADER && head.length >= 12 && head.toString('latin1', 4, 9) === 'FLIR\u0000') {
      flirChunks.push({ index: head[10]!, total: head[11]! + 1, at: offset + 4 + FLIR_HEADER, length: length - 2 - FLIR_HEADER });
    }
    if (marker === 0xda) return width > 0 ? { width, height, scanStart: offset, flirChunks } : null;
    offset += 2 + length;
  }
  return null;
}
