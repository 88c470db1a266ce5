/**
 * The pixel size of the main image of RAW files, read from their headers. exiftool calls this the main image:
 * in TIFF-based RAW (DNG, NEF, ARW…) it is the full-resolution IFD among IFD0's chain and its SubIFDs, not the
 * preview in IFD0; Panasonic RW2 gives it as sensor borders; Fujifilm RAF in its own directory; CR2 in the Exif IFD.
 * Pure: works on the first bytes of the file.
 */

export interface PixelSize {
  width: number;
  height: number;
}

type Ifd = Map<number, number[]>;

const TYPE_BYTES: Record<number, number> = { 1: 1, 3: 2, 4: 4, 9: 4, 13: 4, 16: 8 };

function readIfd(buf: Buffer, offset: number, little: boolean): { tags: Ifd; next: number } | null {
  if (offset < 8 || offset + 2 > buf.length) return null;
  const u16 = (at: number) => (little ? buf.readUInt16LE(at) : buf.readUInt16BE(at));
  const u32 = (at: number) => (little ? buf.readUInt32LE(at) : buf.readUInt32BE(at));
  const count = u16(offset);
  if (count === 0 || count > 1000 || offset + 2 + count * 12 + 4 > buf.length) return null;
  const tags: Ifd = new Map();
  for (let i = 0; i < count; i += 1) {
    const entry = offset + 2 + i * 12;
    const type = u16(entry + 2);
    const n = u32(entry + 4);
    const size = TYPE_BYTES[type];
    if (!size || size > 4 || n === 0 || n > 64) continue; // only short/long/byte values are needed here
    const valueAt = size * n <= 4 ? entry + 8 : u32(entry + 8);
    if (valueAt + size * n > buf.length) continue;
    const values: number[] = [];
    for (let k = 0; k < n; k += 1) {
      const at = valueAt + k * size;
      values.push(size === 1 ? buf[at]! : size === 2 ? u16(at) : u32(at));
    }
    tags.set(u16(entry), values);
  }
  return { tags, next: u32(offset + 2 + count * 12) };
}

/** IFD0, its chain (IFD1, …) and every SubIFD, breadth first, bounded. */
function allIfds(buf: Buffer, little: boolean, first: number): Ifd[] {
  const seen = new Set<number>();
  const queue = [first];
  const found: Ifd[] = [];
  while (queue.length > 0 && found.length < 32) {
    const offset = queue.shift()!;
    if (seen.has(offset)) continue;
    seen.add(offset);
    const ifd = readIfd(buf, offset, little);
    if (!ifd) continue;
    found.push(ifd.tags);
    if (ifd.next) queue.push(ifd.next);
    for (const sub of ifd.tags.get(0x14a) ?? []) queue.push(sub);
  }
  return found;
}

/** Largest full-resolution image (NewSubfileType 0) among the TIFF IFDs. */
export function tiffMainImageSize(head: Buffer): PixelSize | null {
  if (head.length < 8) return null;
  const little = head.toString('latin1', 0, 2) === 'II';
  const first = little ? head.readUInt32LE(4) : head.readUInt32BE(4);
  let best: PixelSize | null = null;
  for (const ifd of allIfds(head, little, first)) {
    const subfileType = ifd.get(0xfe)?.[0] ?? 0;
    const width = ifd.get(0x100)?.[0];
    const height = ifd.get(0x101)?.[0];
    if (subfileType !== 0 || !width || !height) continue;
    if (!best || width * height > best.width * best.height) best = { width, height };
  }
  return best;
}

/** Panasonic RW2: the image is the sensor area inside the borders (tags 4–7 of IFD0). */
export function rw2ImageSize(head: Buffer): PixelSize | null {
  if (head.length < 8) return null;
  const ifd = readIfd(head, head.readUInt32LE(4), true)?.tags;
  const [top, left, bottom, right] = [4, 5, 6, 7].map((tag) => ifd?.get(tag)?.[0]);
  if (top === undefined || left === undefined || !bottom || !right) return null;
  return { width: right - left, height: bottom - top };
}

/** Fujifilm RAF: the raw directory (offset at byte 92) holds RawImageCroppedSize (0x111, height then width). */
export function rafImageSize(head: Buffer): PixelSize | null {
  if (head.length < 100) return null;
  const directory = head.readUInt32BE(92);
  if (directory + 4 > head.length) return null;
  const count = head.readUInt32BE(directory);
  let offset = directory + 4;
  let full: PixelSize | null = null;
  for (let i = 0; i < count && offset + 4 <= head.length; i += 1) {
    const tag = head.readUInt16BE(offset);
    const size = head.readUInt16BE(offset + 2);
    if (offset + 4 + size > head.length) break;
    if ((tag === 0x111 || tag === 0x100) && size >= 4) {
      const found = { height: head.readUInt16BE(offset + 4), width: head.readUInt16BE(offset + 6) };
      if (tag === 0x111) return found;
      full = found;
    }
    offset += 4 + size;
  }
  return full;
}
