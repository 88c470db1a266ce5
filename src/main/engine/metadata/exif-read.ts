/**
 * Runs exifr over a file (or over blocks cut out of its container) and returns the raw tag blocks that
 * toMetadatas maps. Tag keys stay numeric (translateKeys: false), so the mapping does not depend on exifr's
 * dictionaries; values stay raw (reviveValues: false), so dates keep the camera's wall-clock time.
 * Each block is parsed on its own: one damaged IFD or XMP packet never hides the others.
 */
import exifr from 'exifr';
import type { MetadataBlocks } from './containers';
import type { FlirValues } from './flir';
import { ifd0Fallback } from './ifd0-fallback';
import { iptcAsExiftoolReads } from './iptc-extent';
import { kodakTextIso } from './kodak-ifd';
import { readMakerNotes, type MakerNoteValues } from './maker-notes';
import { integers, readIfd, tiffStart, u16, u32 } from './tiff-ifd';

export type TagBlock = Record<string, unknown>;
/** XMP as exifr gives it without merging: properties grouped by namespace prefix (dc, photoshop, exif, …). */
export type XmpBlock = Record<string, Record<string, unknown>>;

export interface RawMetadata {
  ifd0?: TagBlock;
  exif?: TagBlock;
  gps?: TagBlock;
  iptc?: TagBlock;
  xmp?: XmpBlock;
  /** XMP of a sidecar file (IMG_1234.xmp next to IMG_1234.CR2). */
  sidecar?: XmpBlock;
  /** ISO and lens some cameras keep only in their maker notes. */
  makerNotes?: MakerNoteValues;
  /** Date and lens FLIR cameras keep only in their own records (APP1 "FLIR"). */
  flir?: FlirValues;
  /** Orientation of IFD1 (the thumbnail's directory): exiftool reports it when IFD0 has none. */
  ifd1Orientation?: number;
  /** Real pixel size of the main image, from the image header (not EXIF's claim). */
  pixelSize?: { width: number; height: number } | null;
}

type Input = string | Buffer;
type ExifrOptions = Parameters<typeof exifr.parse>[1];

const NOTHING_ELSE = {
  ifd0: false,
  exif: false,
  gps: false,
  ifd1: false,
  interop: false,
  makerNote: false,
  userComment: false,
  xmp: false,
  iptc: false,
  icc: false,
  jfif: false,
  ihdr: false,
} as const;
const RAW_VALUES = { translateKeys: false, translateValues: false, reviveValues: false, mergeOutput: false, silentErrors: false };

/**
 * exifr keeps every options object it is given in a global Map, forever (Options.useCached):
 * a fresh object per call grows memory by tens of KB per photo. One object per combination.
 */
const OPTIONS = new Map<string, ExifrOptions>();
function optionsFor(enabled: Record<string, boolean>): ExifrOptions {
  const key = JSON.stringify(enabled);
  let options = OPTIONS.get(key);
  if (!options) {
    options = { ...NOTHING_ELSE, ...RAW_VALUES, ...enabled } as unknown as ExifrOptions;
    OPTIONS.set(key, options);
  }
  return options;
}
const SIDECAR_OPTIONS = { ...RAW_VALUES };

async function tryParse(input: Input, enabled: Record<string, boolean>): Promise<Record<string, unknown> | undefined> {
  try {
    const result: unknown = await exifr.parse(input, optionsFor(enabled));
    return result && typeof result === 'object' ? (result as Record<string, unknown>) : undefined;
  } catch {
    return undefined; // a damaged block: the caller tries the blocks one by one
  }
}

function asBlock(value: unknown): TagBlock | undefined {
  return value && typeof value === 'object' && Object.keys(value).length > 0 ? (value as TagBlock) : undefined;
}

/** IFD0, Exif and GPS of a TIFF stream (or any file exifr opens). */
export async function readTiffBlocks(input: Input): Promise<Pick<RawMetadata, 'ifd0' | 'exif' | 'gps'>> {
  const all = await tryParse(input, { ifd0: true, exif: true, gps: true });
  if (all) return { ifd0: asBlock(all.ifd0), exif: asBlock(all.exif), gps: asBlock(all.gps) };
  // Second chance, block by block, skipping the damaged tags themselves (silentErrors).
  const [ifd0, exif, gps] = await Promise.all([
    tryParse(input, { ifd0: true, silentErrors: true }),
    tryParse(input, { exif: true, silentErrors: true }),
    tryParse(input, { gps: true, silentErrors: true }),
  ]);
  return { ifd0: asBlock(ifd0?.ifd0), exif: asBlock(exif?.exif), gps: asBlock(gps?.gps) };
}

async function readXmp(input: Input): Promise<XmpBlock | undefined> {
  const result = await tryParse(input, { tiff: false, xmp: true, multiSegment: true });
  return asBlock(result) as XmpBlock | undefined;
}

async function readIptc(input: Input): Promise<TagBlock | undefined> {
  const result = await tryParse(input, { tiff: false, iptc: true });
  return asBlock(result?.iptc);
}

const ORIENTATION = 274;

/** IFD1's Orientation, read only when IFD0 has none (IFD1 is the directory after IFD0). */
function ifd1Orientation(input: Buffer): number | undefined {
  const start = tiffStart(input);
  if (start === undefined) return undefined;
  const tiff = input.subarray(start);
  const le = tiff[0] === 0x49;
  const ifd0At = u32(tiff, 4, le) ?? 0;
  const count = u16(tiff, ifd0At, le) ?? 0;
  const nextAt = count > 0 ? u32(tiff, ifd0At + 2 + count * 12, le) : undefined;
  const ifd1 = nextAt ? readIfd(tiff, nextAt, le, 0) : undefined;
  return ifd1 ? integers(ifd1, ORIENTATION)?.[0] : undefined;
}

/**
 * What exifr does not decode, read from the bytes in memory (`input` itself, or the file's head whose
 * offsets are the file's): maker notes, IFD1's orientation when IFD0 has none, where exiftool stops in IPTC,
 * and IFD0 itself when exifr could not read it.
 */
function withTiffExtras(raw: RawMetadata, bytes: Buffer | undefined): RawMetadata {
  if (bytes && raw.iptc) raw.iptc = iptcAsExiftoolReads(raw.iptc, bytes);
  if (bytes && !raw.ifd0) raw.ifd0 = ifd0Fallback(bytes);
  if (!bytes || !raw.ifd0) return raw;
  try {
    const make = typeof raw.ifd0[271] === 'string' ? (raw.ifd0[271] as string) : undefined;
    const model = typeof raw.ifd0[272] === 'string' ? (raw.ifd0[272] as string).replace(/\0[^]*$/, '').trim() : '';
    raw.makerNotes = readMakerNotes(bytes, make, model);
    raw.makerNotes.iso ??= kodakTextIso(bytes);
    if (raw.ifd0[ORIENTATION] === undefined) raw.ifd1Orientation = ifd1Orientation(bytes);
  } catch {
    // damaged directories: exifr's reading stands alone
  }
  return raw;
}

/**
 * Everything exifr can read from a JPEG, PNG, TIFF or TIFF-based RAW (path: exifr reads only the chunks it
 * needs; `head`, the file's first bytes, then serves the maker notes).
 */
export async function readDirect(input: Input, head?: Buffer): Promise<RawMetadata> {
  const [tiff, xmp, iptc] = await Promise.all([readTiffBlocks(input), readXmp(input), readIptc(input)]);
  return withTiffExtras({ ...tiff, xmp, iptc }, Buffer.isBuffer(input) ? input : head);
}

/** A CR3 keeps the Exif and GPS IFDs as separate TIFF streams whose IFD0 holds their tags. */
async function ifd0Of(tiff: Buffer | undefined): Promise<TagBlock | undefined> {
  return tiff ? asBlock((await tryParse(tiff, { ifd0: true }))?.ifd0) : undefined;
}

/** Metadata from blocks cut out of a container exifr cannot open (HEIF/AVIF, CR3, WebP, RAF). */
export async function readBlocks(blocks: MetadataBlocks): Promise<RawMetadata> {
  if (blocks.jpeg) return readDirect(blocks.jpeg);
  const raw: RawMetadata = {};
  for (const tiff of blocks.tiff) Object.assign(raw, await readTiffBlocks(tiff));
  raw.exif ??= await ifd0Of(blocks.exifIfdAsTiff);
  raw.gps ??= await ifd0Of(blocks.gpsIfdAsTiff);
  if (blocks.xmp) raw.xmp = await readSidecarText(blocks.xmp);
  return raw;
}

/** XMP from a sidecar file or a raw XMP packet. */
export async function readSidecarText(input: Input): Promise<XmpBlock | undefined> {
  try {
    const result: unknown = await exifr.sidecar(input, SIDECAR_OPTIONS as never, 'xmp');
    return asBlock(result) as XmpBlock | undefined;
  } catch {
    return undefined;
  }
}
