/**
 * EXIF and IPTC that ImageMagick (and tools built on it) keep in a PNG as text chunks named
 * "Raw profile type exif" / "Raw profile type iptc": the bytes hex-encoded, after a line with the
 * profile's name and one with its length. exifr reads a PNG's eXIf and XMP chunks, not these.
 */
import { inflateSync } from 'node:zlib';
import { readAt, type PhotoBytes } from '../read/photo-bytes';
import { readTiffBlocks, type RawMetadata, type TagBlock } from './exif-read';

export interface PngProfiles {
  /** A TIFF stream (the "Exif\0\0" header removed). */
  exif?: Buffer;
  /** IPTC-IIM datasets. */
  iptc?: Buffer;
}

const SIGNATURE_BYTES = 8;
const MAX_PROFILE_CHUNK = 4 * 1024 * 1024;

/** The text of a tEXt, zTXt or iTXt chunk, with its keyword. */
function textChunk(type: string, data: Buffer): { keyword: string; text: string } | null {
  const end = data.indexOf(0);
  if (end < 0) return null;
  const keyword = data.toString('latin1', 0, end);
  try {
    if (type === 'tEXt') return { keyword, text: data.toString('latin1', end + 1) };
    if (type === 'zTXt') return { keyword, text: inflateSync(data.subarray(end + 2)).toString('latin1') };
    if (type === 'iTXt') {
      const compressed = data[end + 1] === 1;
      const language = data.indexOf(0, end + 3);
      const translated = language < 0 ? -1 : data.indexOf(0, language + 1);
      if (translated < 0) return null;
      const body = data.subarray(translated + 1);
      return { keyword, text: (compressed ? inflateSync(body) : body).toString('utf8') };
    }
  } catch {
    return null; // a damaged chunk: the rest of the file still counts
  }
  return null;
}

/** "\nexif\n   12055\n4578696600…" → the bytes; null when the text is not such a profile. */
export function decodeRawProfile(text: string): Buffer | null {
  const match = /^\s*[\w-]+\s*\n\s*(\d+)\s*\n([\s0-9a-fA-F]*)$/.exec(text);
  if (!match) return null;
  const bytes = Buffer.from(match[2]!.replace(/\s+/g, ''), 'hex');
  return bytes.length === Number(match[1]) ? bytes : null;
}

/** The raw profiles among the chunks before the image data (where ImageMagick writes them). */
export async function pngRawProfiles(photo: PhotoBytes): Promise<PngProfiles> {
  const profiles: PngProfiles = {};
  for (let offset = SIGNATURE_BYTES; offset + 8 <= photo.size;) {
    const header = await readAt(photo, offset, 8);
    if (header.length < 8) break;
    const length = header.readUInt32BE(0);
    const type = header.toString('latin1', 4, 8);
    if (type === 'IDAT' || type === 'IEND') break;
    if ((type === 'tEXt' || type === 'zTXt' || type === 'iTXt') && length <= MAX_PROFILE_CHUNK) {
      const chunk = textChunk(type, await readAt(photo, offset + 8, length));
      const profile = chunk?.keyword.startsWith('Raw profile type ') ? decodeRawProfile(chunk.text) : null;
      const kind = chunk?.keyword.slice('Raw profile type '.length).toLowerCase();
      if (profile && (kind === 'exif' || kind === 'app1')) {
        profiles.exif = profile.toString('latin1', 0, 6) === 'Exif\0\0' ? profile.subarray(6) : profile;
      } else if (profile && kind === 'iptc') profiles.iptc = profile;
    }
    offset += 12 + length; // length, type, data, CRC
  }
  return profiles;
}

/**
 * IPTC-IIM record 2 (the editorial fields) as exifr would give them with numeric keys: dataset
 * number → text, or a list of texts for a repeated dataset (keywords). UTF-8 when it decodes as such.
 */
export function parseIim(data: Buffer): TagBlock {
  const block: TagBlock = {};
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  for (let offset = data.indexOf(0x1c); offset >= 0 && offset + 5 <= data.length;) {
    const record = data[offset + 1]!;
    const dataset = data[offset + 2]!;
    const length = data.readUInt16BE(offset + 3);
    if (length & 0x8000) break; // extended lengths are only used for binary datasets, none of ours
    const value = data.subarray(offset + 5, offset + 5 + length);
    if (record === 2) {
      let text: string;
      try {
        text = utf8.decode(value);
      } catch {
        text = value.toString('latin1');
      }
      const known = block[dataset];
      block[dataset] = known === undefined ? text : [...(Array.isArray(known) ? known : [known]), text];
    }
    offset += 5 + length;
    if (data[offset] !== 0x1c) break;
  }
  return block;
}

/** Fills in, from a PNG's raw profiles, what exifr did not find in its standard chunks. */
export async function withPngProfiles(photo: PhotoBytes, raw: RawMetadata): Promise<RawMetadata> {
  if (raw.ifd0 && raw.iptc) return raw;
  const profiles = await pngRawProfiles(photo);
  if (!raw.ifd0 && profiles.exif) Object.assign(raw, await readTiffBlocks(profiles.exif));
  if (!raw.iptc && profiles.iptc) raw.iptc = parseIim(profiles.iptc);
  return raw;
}
