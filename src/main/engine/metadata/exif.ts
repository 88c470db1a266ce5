/**
 * toMetadatas: raw tag blocks (exifr, numeric keys) + file facts → contract §5 metadatas. Pure.
 * readThumbnail: the embedded EXIF thumbnail, for previews of formats a browser cannot show (HEIC, RAW).
 */
import exifr from 'exifr';
import { stat } from 'node:fs/promises';
import { capMetadatas, type Metadatas } from '../../../shared/metadata';
import type { RawMetadata, TagBlock, XmpBlock } from './exif-read';
import { cleanText, decimal, exifDateTime, firstNumber, gpsCoordinate, iptcDateTime, positiveDecimal, textList, xmpDateTime, xmpText } from './metadata-values';

export type { RawMetadata } from './exif-read';

export interface FileFacts {
  filename: string;
  relativePath: string;
  sha1: string;
  size: number;
  mimeType: string;
}

/** EXIF / TIFF tag numbers (Exif 2.32) and IPTC IIM record-2 datasets used here. */
export const TAG = {
  Make: 271,
  Model: 272,
  Orientation: 274,
  ExposureTime: 33434,
  FNumber: 33437,
  ISO: 34855,
  RecommendedExposureIndex: 34866,
  DateTimeOriginal: 36867,
  OffsetTimeOriginal: 36881,
  FocalLength: 37386,
  LensModel: 42036,
  GPSLatitudeRef: 1,
  GPSLatitude: 2,
  GPSLongitudeRef: 3,
  GPSLongitude: 4,
  IptcObjectName: 5,
  IptcKeywords: 25,
  IptcDateCreated: 55,
  IptcTimeCreated: 60,
} as const;

const ISO_UNKNOWN = 65535; // "too large to fit": the real value is in RecommendedExposureIndex or XMP

function xmpValue(xmp: XmpBlock | undefined, namespaces: string[], name: string): unknown {
  for (const ns of namespaces) {
    const value = xmp?.[ns]?.[name];
    if (value !== undefined && value !== null && value !== '') return value;
  }
  return undefined;
}

function takenAt(raw: RawMetadata): string | undefined {
  const fromXmp = (xmp?: XmpBlock) => xmpDateTime(xmpValue(xmp, ['exif'], 'DateTimeOriginal')) ?? xmpDateTime(xmpValue(xmp, ['photoshop'], 'DateCreated'));
  return (
    exifDateTime(raw.exif?.[TAG.DateTimeOriginal] ?? raw.ifd0?.[TAG.DateTimeOriginal], raw.exif?.[TAG.OffsetTimeOriginal]) ??
    fromXmp(raw.xmp) ??
    iptcDateTime(raw.iptc?.[TAG.IptcDateCreated], raw.iptc?.[TAG.IptcTimeCreated]) ??
    raw.flir?.takenAt ??
    fromXmp(raw.sidecar)
  );
}

const PANASONIC_RAW_ISO = 0x0017; // IFD0 of an RW2/RWL (TIFF magic 0x55): exiftool's PanasonicRaw ISO

/** exiftool's order: EXIF ISO (or a Panasonic RAW's IFD0 ISO), then the maker notes' ISO (priority 0), then Canon's composite ISO. */
function iso(raw: RawMetadata, mimeType: string): string | undefined {
  const { exif, xmp, makerNotes } = raw;
  const value = firstNumber(exif?.[TAG.ISO]) ?? (mimeType === 'image/x-panasonic-rw2' ? firstNumber(raw.ifd0?.[PANASONIC_RAW_ISO]) : undefined);
  if (value !== undefined && value > 0 && value !== ISO_UNKNOWN) return decimal(value);
  const better = firstNumber(exif?.[TAG.RecommendedExposureIndex]) ?? firstNumber(xmpValue(xmp, ['exif', 'exifEX'], 'ISOSpeedRatings'));
  if (better !== undefined && better > 0) return decimal(better);
  if (value !== undefined && value > 0) return decimal(value);
  const fromNotes = makerNotes?.iso ?? makerNotes?.compositeIso;
  return fromNotes !== undefined && fromNotes > 0 ? decimal(fromNotes) : undefined; // 0: the camera did not know
}

function validOrientation(value: unknown): string | undefined {
  const n = firstNumber(value);
  return n !== undefined && Number.isInteger(n) && n >= 1 && n <= 8 ? String(n) : undefined; // 0 and others are invalid
}

/** IFD0's, else XMP tiff:Orientation, else IFD1's (some cameras tag only the thumbnail), as exiftool reports it. */
function orientation(raw: RawMetadata): string | undefined {
  const main = raw.ifd0?.[TAG.Orientation];
  if (main !== undefined) return validOrientation(main);
  // exifr names the XMP tiff: namespace "ifd0".
  return validOrientation(xmpValue(raw.xmp, ['tiff', 'ifd0'], 'Orientation')) ?? validOrientation(raw.ifd1Orientation);
}

function keywords(raw: RawMetadata): string[] | undefined {
  const all = [
    ...textList(raw.iptc?.[TAG.IptcKeywords], cleanText),
    ...textList(xmpValue(raw.xmp, ['dc'], 'subject')),
    ...textList(xmpValue(raw.sidecar, ['dc'], 'subject')),
  ];
  const unique = [...new Set(all)];
  return unique.length > 0 ? unique : undefined;
}

function title(raw: RawMetadata): string | undefined {
  // The sidecar is where the photographer edits: it wins over what the camera or an old export embedded.
  return xmpText(xmpValue(raw.sidecar, ['dc'], 'title')) ?? xmpText(xmpValue(raw.xmp, ['dc'], 'title')) ?? cleanText(raw.iptc?.[TAG.IptcObjectName]);
}

/** XMP's copy of an EXIF value (tiff:/exif: namespaces, "ifd0"/"exif" in exifr): used when EXIF has none. */
const xmpTiff = (raw: RawMetadata, name: string) => xmpText(xmpValue(raw.xmp, ['tiff', 'ifd0'], name));
const xmpExif = (raw: RawMetadata, name: string) => positiveDecimal(xmpValue(raw.xmp, ['exif'], name));

function cameraFields(raw: RawMetadata, mimeType: string): Metadatas {
  const { ifd0, exif, gps, xmp, makerNotes } = raw;
  return {
    camera_make: cleanText(ifd0?.[TAG.Make]) ?? xmpTiff(raw, 'Make'),
    camera_model: cleanText(ifd0?.[TAG.Model]) ?? xmpTiff(raw, 'Model'),
    lens_model: cleanText(exif?.[TAG.LensModel]) ?? makerNotes?.lensModel ?? xmpText(xmpValue(xmp, ['exifEX'], 'LensModel')) ?? raw.flir?.lensModel,
    iso: iso(raw, mimeType),
    f_number: positiveDecimal(exif?.[TAG.FNumber]) ?? positiveDecimal(makerNotes?.fNumber) ?? xmpExif(raw, 'FNumber'),
    exposure_time: positiveDecimal(exif?.[TAG.ExposureTime]) ?? positiveDecimal(makerNotes?.exposureTime) ?? xmpExif(raw, 'ExposureTime'),
    focal_length: positiveDecimal(exif?.[TAG.FocalLength]) ?? xmpExif(raw, 'FocalLength'),
    orientation: orientation(raw),
    gps_latitude: gps ? gpsCoordinate(gps[TAG.GPSLatitude], gps[TAG.GPSLatitudeRef], 'S') : undefined,
    gps_longitude: gps ? gpsCoordinate(gps[TAG.GPSLongitude], gps[TAG.GPSLongitudeRef], 'W') : undefined,
  };
}

/** Values absent from the file are left out; every value is capped (capMetadatas) so no file can make its request too big. */
export function toMetadatas(raw: RawMetadata, file: FileFacts): Metadatas {
  const size = raw.pixelSize;
  return capMetadatas({
    filename: file.filename,
    relative_path: file.relativePath,
    sha1: file.sha1,
    file_size: String(file.size),
    mime_type: file.mimeType,
    taken_at: takenAt(raw),
    ...cameraFields(raw, file.mimeType),
    // Stored pixel size, never swapped by Orientation: exactly what the file holds.
    width: size && size.width > 0 ? String(size.width) : undefined,
    height: size && size.height > 0 ? String(size.height) : undefined,
    title: title(raw),
    keywords: keywords(raw),
  });
}

/** The embedded EXIF thumbnail (a small JPEG), or null when the file has none or cannot be read. */
export async function readThumbnail(path: string): Promise<Buffer | null> {
  try {
    // exifr opens the path itself: a pipe or device put in the photo's place would hold a thread-pool thread.
    if (!(await stat(path)).isFile()) return null;
    const thumbnail = await exifr.thumbnail(path);
    return thumbnail && isWholeJpeg(thumbnail) ? Buffer.from(thumbnail) : null;
  } catch {
    return null;
  }
}

/**
 * A thumbnail a browser can draw: JPEG's start marker, and its end marker among the last bytes (padding may
 * follow). Some cameras' IFD1 points at the start of the photo itself with a made-up length (a Panasonic
 * DMC-LC40 gives the first 10 KB of the whole file), which would show as a broken picture.
 */
export function isWholeJpeg(bytes: Uint8Array): boolean {
  if (bytes.length < 4 || bytes[0] !== 0xff || bytes[1] !== 0xd8) return false;
  for (let i = bytes.length - 2; i >= Math.max(2, bytes.length - 64); i -= 1) if (bytes[i] === 0xff && bytes[i + 1] === 0xd9) return true;
  return false;
}
