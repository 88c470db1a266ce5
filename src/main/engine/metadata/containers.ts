/**
 * Finds the EXIF (TIFF) and XMP bytes inside containers exifr cannot open by itself: HEIF/AVIF (exifr ignores
 * the iloc base offset and only knows the 'heic'/'avif' brands), Canon CR3, WebP and Fujifilm RAF. Reads only
 * the boxes/chunks it needs through an open file handle.
 */
import { readAt, type PhotoBytes } from '../read/photo-bytes';

export interface MetadataBlocks {
  /** TIFF streams whose IFD0 is the main IFD (Make, Model, Orientation, pointers to Exif/GPS IFDs). */
  tiff: Buffer[];
  /** Canon CR3 keeps the Exif IFD and the GPS IFD as separate TIFF streams. */
  exifIfdAsTiff?: Buffer;
  gpsIfdAsTiff?: Buffer;
  xmp?: Buffer;
  /** RAF: the embedded full JPEG preview, which carries the camera's EXIF. */
  jpeg?: Buffer;
}

interface Box {
  type: string;
  /** Offset of the payload (after the header). */
  start: number;
  end: number;
}

/** Boxes between start and end; stops quietly at the first malformed header. */
export async function listBoxes(photo: PhotoBytes, start: number, end: number): Promise<Box[]> {
  const boxes: Box[] = [];
  let offset = start;
  while (offset + 8 <= end) {
    const head = await readAt(photo, offset, 16);
    if (head.length < 8) break;
    let size = head.readUInt32BE(0);
    let headerBytes = 8;
    if (size === 1 && head.length >= 16) {
      size = Number(head.readBigUInt64BE(8));
      headerBytes = 16;
    } else if (size === 0) size = end - offset;
    if (size < headerBytes) break;
    boxes.push({ type: head.toString('latin1', 4, 8), start: offset + headerBytes, end: offset + size });
    offset += size;
  }
  return boxes;
}

/** The first box of `type` inside `parent` (the file's top level when no parent is given). */
export async function findBox(
  photo: PhotoBytes,
  type: string,
  parent: { start: number; end: number } = { start: 0, end: photo.size },
): Promise<Box | undefined> {
  return (await listBoxes(photo, parent.start, parent.end)).find((box) => box.type === type);
}

/** Follows box types down from the top level, e.g. ['moov', 'trak', 'mdia']: the last one, if every level has it. */
export async function findBoxPath(photo: PhotoBytes, types: string[]): Promise<Box | undefined> {
  let box: Box | undefined;
  for (const type of types) {
    box = await findBox(photo, type, box);
    if (!box) return undefined;
  }
  return box;
}

function uintOf(buffer: Buffer, offset: number, bytes: number): number {
  if (bytes === 0) return 0;
  if (bytes === 8) return Number(buffer.readBigUInt64BE(offset));
  return buffer.readUIntBE(offset, bytes);
}

/** infe entries: item id → item type ('Exif', 'mime', 'hvc1', …). */
function parseItemInfo(iinf: Buffer): Map<number, string> {
  const items = new Map<number, string>();
  const version = iinf[0]!;
  let offset = 4 + (version === 0 ? 2 : 4);
  while (offset + 8 <= iinf.length) {
    const size = iinf.readUInt32BE(offset);
    if (size < 8 || iinf.toString('latin1', offset + 4, offset + 8) !== 'infe') break;
    const infeVersion = iinf[offset + 8]!;
    if (infeVersion >= 2) {
      const idBytes = infeVersion === 3 ? 4 : 2;
      const id = uintOf(iinf, offset + 12, idBytes);
      items.set(id, iinf.toString('latin1', offset + 12 + idBytes + 2, offset + 12 + idBytes + 6));
    }
    offset += size;
  }
  return items;
}

/** iloc: item id → [file offset, length] of its first extent (construction method 0 only). */
function parseItemLocations(iloc: Buffer): Map<number, [number, number]> {
  const locations = new Map<number, [number, number]>();
  const version = iloc[0]!;
  const offsetSize = iloc[4]! >> 4;
  const lengthSize = iloc[4]! & 15;
  const baseOffsetSize = iloc[5]! >> 4;
  const indexSize = version === 1 || version === 2 ? iloc[5]! & 15 : 0;
  const idBytes = version === 2 ? 4 : 2;
  let offset = 6;
  const count = uintOf(iloc, offset, version === 2 ? 4 : 2);
  offset += version === 2 ? 4 : 2;
  for (let i = 0; i < count && offset < iloc.length; i += 1) {
    const id = uintOf(iloc, offset, idBytes);
    offset += idBytes;
    const method = version === 1 || version === 2 ? iloc.readUInt16BE(offset) & 15 : 0;
    offset += version === 1 || version === 2 ? 2 : 0;
    offset += 2; // data_reference_index
    const base = uintOf(iloc, offset, baseOffsetSize);
    offset += baseOffsetSize;
    const extents = iloc.readUInt16BE(offset);
    offset += 2;
    for (let e = 0; e < extents; e += 1) {
      const extentOffset = uintOf(iloc, offset + indexSize, offsetSize);
      const extentLength = uintOf(iloc, offset + indexSize + offsetSize, lengthSize);
      if (e === 0 && method === 0) locations.set(id, [base + extentOffset, extentLength]);
      offset += indexSize + offsetSize + lengthSize;
    }
  }
  return locations;
}

async function heifBlocks(photo: PhotoBytes): Promise<MetadataBlocks> {
  const meta = await findBox(photo, 'meta');
  if (!meta) return { tiff: [] };
  const children = await listBoxes(photo, meta.start + 4, meta.end);
  const iinfBox = children.find((box) => box.type === 'iinf');
  const ilocBox = children.find((box) => box.type === 'iloc');
  if (!iinfBox || !ilocBox) return { tiff: [] };
  const items = parseItemInfo(await readAt(photo, iinfBox.start, iinfBox.end - iinfBox.start));
  const locations = parseItemLocations(await readAt(photo, ilocBox.start, ilocBox.end - ilocBox.start));
  const exifId = [...items].find(([, type]) => type === 'Exif')?.[0];
  const where = exifId === undefined ? undefined : locations.get(exifId);
  if (!where) return { tiff: [] };
  const payload = await readAt(photo, where[0], where[1]);
  // The Exif item starts with the offset of the TIFF header inside it (usually 6, past "Exif\0\0").
  const tiffStart = payload.length >= 4 ? 4 + payload.readUInt32BE(0) : payload.length;
  return { tiff: tiffStart < payload.length ? [payload.subarray(tiffStart)] : [] };
}

const CANON_UUID = '85c0b687820f11e08111f4ce462b6a48';

async function cr3Blocks(photo: PhotoBytes): Promise<MetadataBlocks> {
  const moov = await findBox(photo, 'moov');
  if (!moov) return { tiff: [] };
  for (const box of await listBoxes(photo, moov.start, moov.end)) {
    if (box.type !== 'uuid' || (await readAt(photo, box.start, 16)).toString('hex') !== CANON_UUID) continue;
    const inner = await listBoxes(photo, box.start + 16, box.end);
    const payload = async (type: string) => {
      const found = inner.find((b) => b.type === type);
      return found ? readAt(photo, found.start, found.end - found.start) : undefined;
    };
    const ifd0 = await payload('CMT1');
    return { tiff: ifd0 ? [ifd0] : [], exifIfdAsTiff: await payload('CMT2'), gpsIfdAsTiff: await payload('CMT4') };
  }
  return { tiff: [] };
}

async function webpBlocks(photo: PhotoBytes): Promise<MetadataBlocks> {
  const blocks: MetadataBlocks = { tiff: [] };
  let offset = 12;
  while (offset + 8 <= photo.size) {
    const head = await readAt(photo, offset, 8);
    if (head.length < 8) break;
    const fourcc = head.toString('latin1', 0, 4);
    const length = head.readUInt32LE(4);
    if (fourcc === 'EXIF') {
      const data = await readAt(photo, offset + 8, length);
      const exifHeader = data.toString('latin1', 0, 6) === 'Exif\0\0';
      blocks.tiff.push(exifHeader ? data.subarray(6) : data);
    } else if (fourcc === 'XMP ') blocks.xmp = await readAt(photo, offset + 8, length);
    offset += 8 + length + (length % 2);
  }
  return blocks;
}

async function rafBlocks(photo: PhotoBytes): Promise<MetadataBlocks> {
  const header = await readAt(photo, 84, 8);
  if (header.length < 8) return { tiff: [] };
  const jpegOffset = header.readUInt32BE(0);
  const jpegLength = header.readUInt32BE(4);
  // The metadata sits in the preview's first segments: 256 KB is plenty without reading the pixels.
  return { tiff: [], jpeg: await readAt(photo, jpegOffset, Math.min(jpegLength, 256 * 1024)) };
}

/** Metadata blocks of the containers exifr does not handle; null when exifr can read the file itself. */
export async function containerBlocks(photo: PhotoBytes, mime: string): Promise<MetadataBlocks | null> {
  if (mime === 'image/heic' || mime === 'image/heif' || mime === 'image/avif') return heifBlocks(photo);
  if (mime === 'image/x-canon-cr3') return cr3Blocks(photo);
  if (mime === 'image/webp') return webpBlocks(photo);
  if (mime === 'image/x-fujifilm-raf') return rafBlocks(photo);
  return null;
}
