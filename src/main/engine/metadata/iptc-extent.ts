/**
 * How far exiftool reads a JPEG's IPTC block (IPTC.pm ProcessIPTC): dataset after dataset while each starts with
 * the 0x1C marker and fits in the block; at the first that does not it warns and stops. exifr searches on for the
 * next 0x1C instead, so a block broken after its first datasets gave values exiftool never shows (a stray byte
 * read as a keyword). Pure: bytes in, the record-2 datasets exiftool reads out.
 */
import type { TagBlock } from './exif-read';

const PHOTOSHOP = 'Photoshop 3.0\u0000';
const IPTC_RESOURCE = 0x0404;

/** The IPTC resource of the first APP13 Photoshop segment before the scan; undefined when there is none. */
function iptcResource(jpeg: Buffer): Buffer | undefined {
  let offset = 2;
  while (offset + 4 <= jpeg.length && jpeg[offset] === 0xff) {
    const marker = jpeg[offset + 1]!;
    if (marker === 0xda || marker === 0xd9) return undefined;
    const length = jpeg.readUInt16BE(offset + 2);
    const body = jpeg.subarray(offset + 4, offset + 2 + length);
    if (marker === 0xed && body.toString('latin1', 0, PHOTOSHOP.length) === PHOTOSHOP) return resourceIn(body.subarray(PHOTOSHOP.length));
    offset += 2 + length;
  }
  return undefined;
}

/** Photoshop image resources: "8BIM", id, an even-padded Pascal name, a size, even-padded data. */
function resourceIn(resources: Buffer): Buffer | undefined {
  let at = 0;
  while (at + 12 <= resources.length && resources.toString('latin1', at, at + 4) === '8BIM') {
    const id = resources.readUInt16BE(at + 4);
    const nameLength = resources[at + 6]!;
    const sizeAt = at + 6 + ((nameLength + 2) & ~1);
    if (sizeAt + 4 > resources.length) return undefined;
    const size = resources.readUInt32BE(sizeAt);
    if (id === IPTC_RESOURCE) return resources.subarray(sizeAt + 4, sizeAt + 4 + size);
    at = sizeAt + 4 + ((size + 1) & ~1);
  }
  return undefined;
}

/** How many times each record-2 dataset occurs in the part exiftool reads; undefined when the block reads whole. */
export function iptcDatasetsRead(iptc: Buffer): Map<number, number> | undefined {
  const counts = new Map<number, number>();
  let pos = 0;
  while (pos + 5 <= iptc.length) {
    if (iptc[pos] !== 0x1c) return iptc.subarray(pos).some((b) => b !== 0) ? counts : undefined; // zero padding is fine
    const record = iptc[pos + 1]!;
    const dataset = iptc[pos + 2]!;
    let length = iptc.readUInt16BE(pos + 3);
    pos += 5;
    if (length & 0x8000) {
      const n = length & 0x7fff;
      if (n > 8 || pos + n > iptc.length) return counts;
      length = 0;
      for (let i = 0; i < n; i += 1) length = length * 256 + iptc[pos + i]!;
      pos += n;
    }
    if (pos + length > iptc.length) return counts;
    if (record === 2) counts.set(dataset, (counts.get(dataset) ?? 0) + 1);
    pos += length;
  }
  return undefined;
}

/** exifr's IPTC values cut to what exiftool reads of a JPEG's IPTC block; unchanged when it reads the whole block. */
export function iptcAsExiftoolReads(iptc: TagBlock, jpeg: Buffer): TagBlock {
  const resource = jpeg[0] === 0xff && jpeg[1] === 0xd8 ? iptcResource(jpeg) : undefined;
  const counts = resource && iptcDatasetsRead(resource);
  if (!counts) return iptc;
  const kept: TagBlock = {};
  for (const [key, value] of Object.entries(iptc)) {
    const count = counts.get(Number(key)) ?? 0;
    if (count === 0) continue;
    kept[key] = Array.isArray(value) ? value.slice(0, count) : value;
  }
  return kept;
}
