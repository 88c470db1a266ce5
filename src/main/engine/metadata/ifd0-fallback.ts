/**
 * IFD0 read by our own walker when exifr gives up on the whole directory: one entry of an unknown format (0)
 * makes exifr drop IFD0, Make and Model with it, where exiftool warns and skips only that entry. Text and
 * integer entries, what toMetadatas takes from IFD0. Pure.
 */
import type { TagBlock } from './exif-read';
import { integers, readIfd, text, tiffStart, u32 } from './tiff-ifd';

export function ifd0Fallback(input: Buffer): TagBlock | undefined {
  const start = tiffStart(input);
  if (start === undefined) return undefined;
  const tiff = input.subarray(start);
  const littleEndian = tiff[0] === 0x49;
  const ifd = readIfd(tiff, u32(tiff, 4, littleEndian) ?? 0, littleEndian, 0);
  if (!ifd) return undefined;
  const block: TagBlock = {};
  for (const [tag, entry] of ifd.entries) {
    const value = entry.type === 2 ? text(ifd, tag) : integers(ifd, tag);
    if (typeof value === 'string') block[tag] = value;
    else if (value?.length) block[tag] = value.length === 1 ? value[0] : value;
  }
  return block;
}
