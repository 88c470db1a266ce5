/**
 * Chunk planning for Cloudinary's chunked upload (cloudinary-protocol.md §4). Pure.
 * Invariants: ranges are contiguous, cover [0, size) exactly, every range but the last is
 * exactly chunkSize long, and an empty file has no ranges at all (it is never chunked).
 */
export interface ChunkRange {
  start: number;
  /** Inclusive. */
  end: number;
}

export function planChunks(size: number, chunkSize: number): ChunkRange[] {
  if (!Number.isSafeInteger(size) || size < 0) throw new RangeError(`file size must be a whole number of bytes, got ${size}`);
  if (!Number.isSafeInteger(chunkSize) || chunkSize <= 0) throw new RangeError(`chunk size must be a positive whole number, got ${chunkSize}`);
  const ranges: ChunkRange[] = [];
  for (let start = 0; start < size; start += chunkSize) {
    ranges.push({ start, end: Math.min(size, start + chunkSize) - 1 });
  }
  return ranges;
}

/** The ranges still to send when `confirmed` bytes were acknowledged (a resume may start mid-plan). */
export function remainingChunks(size: number, chunkSize: number, confirmed: number): ChunkRange[] {
  const from = Math.min(Math.max(0, confirmed), size);
  return planChunks(size - from, chunkSize).map((range) => ({ start: range.start + from, end: range.end + from }));
}

/** PixDrop knows the size, so every chunk carries the real total (Cloudinary accepts it, like Ruby/Python do). */
export function contentRangeHeader(range: ChunkRange, total: number): string {
  return `bytes ${range.start}-${range.end}/${total}`;
}

/** True when a file must go in chunks rather than one plain request. */
export function needsChunking(size: number, chunkSize: number): boolean {
  return size > chunkSize;
}
