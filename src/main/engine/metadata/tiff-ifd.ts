/**
 * A minimal TIFF IFD walker over bytes already in memory: entries of one directory and their values.
 * Used for maker notes, whose layout exifr does not decode. Every read is bounds-checked: a damaged
 * directory gives fewer entries, never an exception.
 */

export interface IfdEntry {
  type: number;
  count: number;
  /** Absolute offset of the value in the buffer (inline or pointed to). */
  valueAt: number;
}

export interface Ifd {
  buffer: Buffer;
  littleEndian: boolean;
  entries: Map<number, IfdEntry>;
}

const TYPE_SIZES: Record<number, number> = { 1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 6: 1, 7: 1, 8: 2, 9: 4, 10: 8, 11: 4, 12: 8, 13: 4 };
const MAX_ENTRIES = 512;

export function u16(buffer: Buffer, at: number, littleEndian: boolean): number | undefined {
  if (at < 0 || at + 2 > buffer.length) return undefined;
  return littleEndian ? buffer.readUInt16LE(at) : buffer.readUInt16BE(at);
}

export function u32(buffer: Buffer, at: number, littleEndian: boolean): number | undefined {
  if (at < 0 || at + 4 > buffer.length) return undefined;
  return littleEndian ? buffer.readUInt32LE(at) : buffer.readUInt32BE(at);
}

/**
 * The directory at `at`; value offsets are relative to `base` (the TIFF header for most maker notes,
 * the maker note itself for those that carry their own header).
 */
export function readIfd(buffer: Buffer, at: number, littleEndian: boolean, base: number): Ifd | undefined {
  const count = u16(buffer, at, littleEndian);
  if (count === undefined || count === 0 || count > MAX_ENTRIES || at + 2 + count * 12 > buffer.length) return undefined;
  const entries = new Map<number, IfdEntry>();
  for (let i = 0; i < count; i += 1) {
    const entryAt = at + 2 + i * 12;
    const tag = u16(buffer, entryAt, littleEndian) ?? 0;
    const type = u16(buffer, entryAt + 2, littleEndian) ?? 0;
    const valueCount = u32(buffer, entryAt + 4, littleEndian) ?? 0;
    const size = (TYPE_SIZES[type] ?? 0) * valueCount;
    if (size === 0) continue; // unknown type: exiftool skips it as well
    const valueAt = size <= 4 ? entryAt + 8 : base + (u32(buffer, entryAt + 8, littleEndian) ?? 0);
    if (valueAt + size > buffer.length) continue;
    entries.set(tag, { type, count: valueCount, valueAt });
  }
  return { buffer, littleEndian, entries };
}

/** Unsigned (types 1, 3, 4) or signed (6, 8, 9) integers of an entry. */
export function integers(ifd: Ifd, tag: number): number[] | undefined {
  const entry = ifd.entries.get(tag);
  if (!entry) return undefined;
  const { buffer, littleEndian } = ifd;
  const size = TYPE_SIZES[entry.type];
  const values: number[] = [];
  for (let i = 0; i < entry.count; i += 1) {
    const at = entry.valueAt + i * (size ?? 0);
    if (entry.type === 3) values.push(littleEndian ? buffer.readUInt16LE(at) : buffer.readUInt16BE(at));
    else if (entry.type === 8) values.push(littleEndian ? buffer.readInt16LE(at) : buffer.readInt16BE(at));
    else if (entry.type === 4 || entry.type === 13) values.push(littleEndian ? buffer.readUInt32LE(at) : buffer.readUInt32BE(at));
    else if (entry.type === 9) values.push(littleEndian ? buffer.readInt32LE(at) : buffer.readInt32BE(at));
    else if (entry.type === 1 || entry.type === 7) values.push(buffer.readUInt8(at));
    else if (entry.type === 6) values.push(buffer.readInt8(at));
    else return undefined;
  }
  return values;
}

/** An ASCII entry up to its first NUL, as exiftool reads strings. */
export function text(ifd: Ifd, tag: number): string | undefined {
  const entry = ifd.entries.get(tag);
  if (!entry || (entry.type !== 2 && entry.type !== 7)) return undefined;
  const raw = ifd.buffer.toString('latin1', entry.valueAt, entry.valueAt + entry.count);
  const cut = raw.indexOf('\u0000');
  const value = (cut >= 0 ? raw.slice(0, cut) : raw).trim();
  return value === '' ? undefined : value;
}

/** Where a TIFF stream starts in a JPEG (its APP1 Exif segment) or a TIFF file; undefined when neither. */
export function tiffStart(input: Buffer): number | undefined {
  if (input.length >= 4 && ((input[0] === 0x49 && input[1] === 0x49) || (input[0] === 0x4d && input[1] === 0x4d))) return 0;
  if (input[0] !== 0xff || input[1] !== 0xd8) return undefined;
  let at = 2;
  while (at + 4 <= input.length && input[at] === 0xff) {
    const marker = input[at + 1]!;
    if (marker === 0xda || marker === 0xd9) return undefined;
    const length = input.readUInt16BE(at + 2);
    if (marker === 0xe1 && input.toString('latin1', at + 4, at + 10) === 'Exif\u0000\u0000') return at + 10;
    at += 2 + length;
  }
  return undefined;
}
