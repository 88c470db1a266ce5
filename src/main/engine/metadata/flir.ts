/**
 * FLIR thermal cameras write the lens and the capture time only in their own record file (FFF), split over
 * APP1 "FLIR\0" segments of the JPEG: its CameraInfo record (type 0x20) holds LensModel at 0x170 and the time
 * at 0x384 as Unix seconds, milliseconds and the zone in minutes west — decoded as exiftool's FLIR.pm does.
 * Used only where EXIF has no date or lens.
 */
import type { FlirChunk } from './jpeg-structure';
import { readAt, type PhotoBytes } from '../read/photo-bytes';

export interface FlirValues {
  takenAt?: string;
  lensModel?: string;
}

const CAMERA_INFO = 0x20;
const LENS_MODEL = 0x170;
const DATE_TIME = 0x384;
const MAX_FLIR_BYTES = 8 * 1024 * 1024; // raw thermal data of the largest sensors, with margin

/** The record file's pieces joined in piece order, as exiftool joins them; none when a piece is missing. */
async function readFlirFile(photo: PhotoBytes, chunks: FlirChunk[]): Promise<Buffer | undefined> {
  const total = chunks[0]?.total;
  if (!total || chunks.some((c) => c.total !== total) || chunks.length < total) return undefined;
  if (chunks.reduce((sum, c) => sum + c.length, 0) > MAX_FLIR_BYTES) return undefined;
  const pieces: Buffer[] = [];
  for (const chunk of [...chunks].sort((a, b) => a.index - b.index)) pieces.push(Buffer.from(await readAt(photo, chunk.at, chunk.length)));
  return Buffer.concat(pieces);
}

/** exiftool's byte order test: the FFF version (at 0x14) is 100–199 in the right order. */
function fffLittleEndian(fff: Buffer): boolean | undefined {
  if (fff.length < 0x40 || !/^[AF]FF\0/.test(fff.toString('latin1', 0, 4))) return undefined;
  for (const le of [false, true]) {
    const version = le ? fff.readUInt32LE(0x14) : fff.readUInt32BE(0x14);
    if (version >= 100 && version < 200) return le;
  }
  return undefined;
}

function cameraInfo(fff: Buffer): Buffer | undefined {
  const le = fffLittleEndian(fff);
  if (le === undefined) return undefined;
  const u16 = (at: number) => (le ? fff.readUInt16LE(at) : fff.readUInt16BE(at));
  const u32 = (at: number) => (le ? fff.readUInt32LE(at) : fff.readUInt32BE(at));
  const directory = u32(0x18);
  const count = u32(0x1c);
  for (let i = 0; i < count && directory + i * 0x20 + 0x20 <= fff.length; i += 1) {
    const entry = directory + i * 0x20;
    if (u16(entry) !== CAMERA_INFO) continue;
    const at = u32(entry + 0x0c);
    const length = u32(entry + 0x10);
    return at + length <= fff.length ? fff.subarray(at, at + length) : undefined;
  }
  return undefined;
}

const two = (n: number) => String(n).padStart(2, '0');

/** exiftool: ConvertUnixTime(seconds − zone·60) . ".mmm" . TimeZoneString(−zone), zone in minutes west. */
function flirTime(info: Buffer, le: boolean): string | undefined {
  if (info.length < DATE_TIME + 10) return undefined;
  const seconds = le ? info.readUInt32LE(DATE_TIME) : info.readUInt32BE(DATE_TIME);
  if (seconds === 0) return undefined; // never set
  const millis = (le ? info.readUInt32LE(DATE_TIME + 4) : info.readUInt32BE(DATE_TIME + 4)) & 0xffff;
  const zone = le ? info.readInt16LE(DATE_TIME + 8) : info.readInt16BE(DATE_TIME + 8);
  const local = new Date((seconds - zone * 60) * 1000).toISOString().slice(0, 19);
  const east = -zone;
  const offset = `${east < 0 ? '-' : '+'}${two(Math.floor(Math.abs(east) / 60))}:${two(Math.abs(east) % 60)}`;
  return `${local}.${String(millis).padStart(3, '0')}${offset}`;
}

/** Date and lens from a FLIR record file; {} when it is not one or has no CameraInfo. Pure. */
export function flirCameraInfo(fff: Buffer): FlirValues {
  const info = cameraInfo(fff);
  if (!info || info.length < 2) return {};
  const le = info.readUInt16BE(0) >= 0x0100; // CameraInfoByteOrder reads 2 in the right order
  const lens =
    info.length >= LENS_MODEL + 32
      ? info
          .toString('latin1', LENS_MODEL, LENS_MODEL + 32)
          .replace(/\0[^]*$/, '')
          .trim()
      : '';
  return { takenAt: flirTime(info, le), lensModel: lens || undefined };
}

/** The FLIR values of a JPEG whose structure listed FLIR pieces; {} when they cannot be read: the photo stands. */
export async function readFlir(photo: PhotoBytes, chunks: FlirChunk[]): Promise<FlirValues> {
  try {
    const fff = await readFlirFile(photo, chunks);
    return fff ? flirCameraInfo(fff) : {};
  } catch {
    return {};
  }
}
