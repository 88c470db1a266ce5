/**
 * ISO and lens model that some cameras keep only in their maker notes, decoded as exiftool decodes them
 * (lib/Image/ExifTool/{MakerNotes,Canon,Casio,Kodak,Nikon,Olympus,Pentax}.pm). The layout is chosen by the maker
 * note's own header and the EXIF Make, never by model. Pure: bytes in, numbers and text out.
 */
import { integers, readIfd, text, tiffStart, u16, u32, type Ifd } from './tiff-ifd';

export interface MakerNoteValues {
  /** What exiftool reports as the maker notes' ISO (Priority 0: only used when EXIF has none). */
  iso?: number;
  /** exiftool's Canon Composite:ISO (CameraISO, else BaseISO × AutoISO / 100): used last. */
  compositeIso?: number;
  lensModel?: string;
  /** Minolta CameraSettings (priority 0 as well): for cameras whose EXIF has only APEX values. */
  fNumber?: number;
  exposureTime?: number;
}

const EXIF_IFD = 0x8769;
const MAKER_NOTE = 0x927c;

interface Note {
  tiff: Buffer; // the TIFF stream: offsets of most maker notes are relative to its start
  at: number; // the maker note's offset in it
  length: number;
  littleEndian: boolean;
  make: string;
  model: string;
}

function findMakerNote(input: Buffer, make: string, model: string): Note | undefined {
  const start = tiffStart(input);
  if (start === undefined) return undefined;
  const tiff = input.subarray(start);
  const littleEndian = tiff[0] === 0x49;
  const ifd0 = readIfd(tiff, u32(tiff, 4, littleEndian) ?? 0, littleEndian, 0);
  const exifAt = ifd0 && integers(ifd0, EXIF_IFD)?.[0];
  const exif = exifAt ? readIfd(tiff, exifAt, littleEndian, 0) : undefined;
  const entry = exif?.entries.get(MAKER_NOTE);
  if (!entry || entry.count < 8) return undefined;
  return { tiff, at: entry.valueAt, length: entry.count, littleEndian, make, model };
}

/** A maker-note IFD in the TIFF's byte order, or the other one (exiftool's ByteOrder => 'Unknown'). */
function ifdEitherOrder(tiff: Buffer, at: number, littleEndian: boolean, base: number): Ifd | undefined {
  const count = u16(tiff, at, littleEndian) ?? 0;
  const order = count > 0 && count < 256 ? littleEndian : !littleEndian;
  return readIfd(tiff, at, order, base);
}

/**
 * Canon maker notes end with "II*\0" + the offset they were written at: an editor that moved them shifted
 * every offset inside by the difference (exiftool's ProcessCanon fixes the base the same way).
 */
function canonBase(note: Note): number {
  const footer = note.at + note.length - 8;
  const mark = note.tiff.toString('latin1', footer, footer + 4);
  if (mark !== 'II*\u0000' && mark !== 'MM\u0000*') return 0;
  const written = u32(note.tiff, footer + 4, mark === 'II*\u0000');
  return written === undefined ? 0 : note.at - written;
}

/** A Canon binary directory as int16s, only when its first value is its own length in bytes (exiftool's Canon::Validate). */
function canonBinary(ifd: Ifd, tag: number): number[] | undefined {
  const entry = ifd.entries.get(tag);
  const values = integers(ifd, tag);
  if (!entry || !values || (entry.type !== 3 && entry.type !== 8) || values[0] !== entry.count * 2) return undefined;
  return values.map((v) => (v > 0x7fff ? v - 0x10000 : v));
}

function canon(note: Note): MakerNoteValues {
  const ifd = ifdEitherOrder(note.tiff, note.at, note.littleEndian, canonBase(note));
  if (!ifd) return {};
  const settings = canonBinary(ifd, 0x0001);
  const shot = canonBinary(ifd, 0x0004);
  return { compositeIso: canonIso(settings?.[16], shot?.[1], shot?.[2]), lensModel: text(ifd, 0x0095) };
}

const CANON_ISO_CODES: Record<number, number> = { 16: 50, 17: 100, 18: 200, 19: 400, 20: 800 };

/** Canon::CameraISO, then BaseISO = 2^(v/32)·100/32 and AutoISO = 2^(v/32)·100 (ShotInfo 2 and 1). */
export function canonIso(cameraIso: number | undefined, autoIso: number | undefined, baseIso: number | undefined): number | undefined {
  if (cameraIso !== undefined && cameraIso !== 0x7fff) {
    const numeric = cameraIso & 0x4000 ? cameraIso & 0x3fff : CANON_ISO_CODES[cameraIso];
    if (numeric) return numeric;
  }
  if (!baseIso || autoIso === undefined) return undefined;
  const base = (Math.exp((baseIso / 32) * Math.log(2)) * 100) / 32;
  const auto = Math.exp((autoIso / 32) * Math.log(2)) * 100;
  return (base * auto) / 100;
}

const CASIO_TYPE2_ISO: Record<number, number> = { 3: 50, 4: 64, 6: 100, 9: 200 };

function casio(note: Note): MakerNoteValues {
  const type2 = /^(QVC|DCI)\0/.test(note.tiff.toString('latin1', note.at, note.at + 4));
  const ifd = ifdEitherOrder(note.tiff, note.at + (type2 ? 6 : 0), note.littleEndian, 0);
  if (!ifd) return {};
  if (!type2) return { iso: integers(ifd, 0x0014)?.[0] };
  const code = integers(ifd, 0x0014)?.[0];
  return { iso: (code !== undefined ? CASIO_TYPE2_ISO[code] : undefined) ?? integers(ifd, 0x3014)?.[0] };
}

/** Kodak's binary maker notes: "KDK" (Main, ISO at 0x60) or the older Type3 (ISO at 0x4e, big-endian). */
function kodak(note: Note): MakerNoteValues {
  const { tiff, at } = note;
  const head = tiff.toString('latin1', at, at + 8);
  if (/^EASTMAN KODAK/.test(note.make) && head.startsWith('KDK')) {
    return { iso: u16(tiff, at + 8 + 0x60, !head.startsWith('KDK INFO')) };
  }
  if (/^EASTMAN KODAK/.test(note.make) && !/^(MM|II|AOC)/.test(head) && tiff[at + 12] === 0x07) return { iso: u16(tiff, at + 0x4e, false) };
  return {};
}

/** Nikon: type 3 carries its own TIFF header 10 bytes in; older ones are an IFD (after "Nikon\0\1\0" or bare). */
function nikon(note: Note): MakerNoteValues {
  const { tiff, at } = note;
  const head = tiff.toString('latin1', at, at + 7);
  let ifd: Ifd | undefined;
  if (head === 'Nikon\u0000\u0002') {
    const le = tiff[at + 10] === 0x49;
    ifd = readIfd(tiff, at + 10 + (u32(tiff, at + 14, le) ?? 0), le, at + 10);
  } else if (head === 'Nikon\u0000\u0001')
    return {}; // Type 1 (E-series): no ISO tag
  else ifd = ifdEitherOrder(tiff, at, note.littleEndian, 0);
  const iso = ifd && integers(ifd, 0x0002);
  return { iso: iso?.[1] || iso?.[0] || undefined }; // [0, ISO]: exiftool prints the second
}

/** Pentax Type2 (Asahi Optio 330/430): a Casio-like IFD at the start; ISO 0x0014 printed through exiftool's table. */
const PENTAX_TYPE2_ISO: Record<number, number> = { 10: 100, 16: 200 };

function asahi(note: Note): MakerNoteValues {
  if (note.tiff.toString('latin1', note.at, note.at + 4) === 'AOC\u0000') return {}; // Pentax Type1/3: other layouts
  const ifd = ifdEitherOrder(note.tiff, note.at, note.littleEndian, 0);
  const code = ifd && integers(ifd, 0x0014)?.[0];
  if (code === undefined || code >= 65534) return {}; // 65534/65535: "Auto", no number
  return { iso: PENTAX_TYPE2_ISO[code] ?? code };
}

/** Olympus: the lens is in the Equipment directory (0x2010), tag 0x0203. */
function olympus(note: Note): MakerNoteValues {
  const { tiff, at } = note;
  const head = tiff.toString('latin1', at, at + 12);
  let main: Ifd | undefined;
  let base = 0;
  if (head.startsWith('OLYMPUS\u0000') || head.startsWith('OM SYSTEM\u0000')) {
    const headerLength = head.startsWith('OM') ? 16 : 12;
    const le = tiff[at + headerLength - 4] === 0x49;
    base = at;
    main = readIfd(tiff, at + headerLength, le, base);
  } else return {};
  const equipmentAt = main && integers(main, 0x2010)?.[0];
  const equipment = main && equipmentAt ? readIfd(tiff, base + equipmentAt, main.littleEndian, base) : undefined;
  return { lensModel: equipment && text(equipment, 0x0203) };
}

/** Minolta CameraSettings (0x0001 old, 0x0003 except on the DiMAGE X31, as exiftool): big-endian int32u. */
function minolta(note: Note): MakerNoteValues {
  if (/^(MINOL|CAMER|MLY0|KC|\+M\+M|\xd7)/.test(note.tiff.toString('latin1', note.at, note.at + 5))) return {};
  const ifd = ifdEitherOrder(note.tiff, note.at, note.littleEndian, 0);
  const settings = ifd?.entries.get(0x0001) ?? (note.model !== 'DiMAGE X31' ? ifd?.entries.get(0x0003) : undefined);
  if (!settings) return {};
  const value = (index: number) => (settings.count >= (index + 1) * 4 ? u32(note.tiff, settings.valueAt + index * 4, false) : undefined);
  const exposure = value(9);
  const aperture = value(10);
  return {
    exposureTime: exposure ? 2 ** ((48 - exposure) / 8) : undefined,
    fNumber: aperture ? 2 ** ((aperture - 8) / 16) : undefined,
  };
}

const BY_MAKE: [RegExp, (note: Note) => MakerNoteValues][] = [
  [/^Canon/, canon],
  [/^CASIO/i, casio],
  [/^EASTMAN KODAK/i, kodak],
  [/^NIKON/i, nikon],
  [/^OLYMPUS|^OM Digital/i, olympus],
  [/^(Konica Minolta|Minolta)/i, minolta],
  [/^Asahi/, asahi],
];

/** Maker-note values of a JPEG (or TIFF) held in memory; {} when there are none or they cannot be read. */
export function readMakerNotes(input: Buffer, make: string | undefined, model = ''): MakerNoteValues {
  const decode = make ? BY_MAKE.find(([pattern]) => pattern.test(make))?.[1] : undefined;
  if (!decode) return {};
  try {
    const note = findMakerNote(input, make!, model);
    return note ? decode(note) : {};
  } catch {
    return {}; // a maker note that lies about its own layout: nothing from it, the rest of the photo stands
  }
}
