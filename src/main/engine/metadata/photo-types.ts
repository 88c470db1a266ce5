/**
 * What counts as a photo, by name and by content. Pure: no I/O.
 * The extension decides what the walk offers; the content (magic bytes) decides what the file really is,
 * so a JPEG named .nef is still accepted as image/jpeg and a text file named .jpg is refused.
 */

export interface PhotoType {
  ext: string;
  mime: string;
  raw: boolean;
}

const BY_EXTENSION: Record<string, { mime: string; raw: boolean }> = {
  jpg: { mime: 'image/jpeg', raw: false },
  jpeg: { mime: 'image/jpeg', raw: false },
  jpe: { mime: 'image/jpeg', raw: false },
  heic: { mime: 'image/heic', raw: false },
  heif: { mime: 'image/heif', raw: false },
  hif: { mime: 'image/heif', raw: false },
  png: { mime: 'image/png', raw: false },
  tif: { mime: 'image/tiff', raw: false },
  tiff: { mime: 'image/tiff', raw: false },
  webp: { mime: 'image/webp', raw: false },
  avif: { mime: 'image/avif', raw: false },
  dng: { mime: 'image/x-adobe-dng', raw: true },
  cr2: { mime: 'image/x-canon-cr2', raw: true },
  cr3: { mime: 'image/x-canon-cr3', raw: true },
  nef: { mime: 'image/x-nikon-nef', raw: true },
  arw: { mime: 'image/x-sony-arw', raw: true },
  raf: { mime: 'image/x-fujifilm-raf', raw: true },
  rw2: { mime: 'image/x-panasonic-rw2', raw: true },
  orf: { mime: 'image/x-olympus-orf', raw: true },
};

function extensionOf(path: string): string {
  const name = path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
  const dot = name.lastIndexOf('.');
  return dot <= 0 ? '' : name.slice(dot + 1).toLowerCase();
}

export function photoTypeByExtension(path: string): PhotoType | null {
  const ext = extensionOf(path);
  const known = BY_EXTENSION[ext];
  return known ? { ext, ...known } : null;
}

/** Names never uploaded: hidden and temporary files, OS/NAS junk, sidecars, Lightroom catalogs and caches. */
const JUNK_NAMES = new Set(['thumbs.db', 'desktop.ini', 'ehthumbs.db', '$recycle.bin', 'system volume information', 'lost+found']);
const JUNK_SUFFIXES = [
  '.xmp', // sidecar: enriches its photo, never uploaded itself
  '.lrcat',
  '.lrcat-journal',
  '.lrcat-wal',
  '.lrcat-shm',
  '.lrcat.lock',
  '.lrdata',
  '.lrprev',
  '.tmp',
  '.temp',
  '.part',
  '.partial',
  '.crdownload',
  '.download',
  '.swp',
  '~',
];

export function isIgnoredName(name: string): boolean {
  const lower = name.toLowerCase();
  if (lower.startsWith('.')) return true; // .DS_Store, ._resource forks, .Trashes, .Spotlight-V100, editors' temp files
  if (lower.startsWith('@')) return true; // Synology @eaDir, @Recycle, @tmp
  if (lower.startsWith('~$') || lower.startsWith('#recycle')) return true;
  if (JUNK_NAMES.has(lower)) return true;
  if (lower.includes('lightroom catalog') && lower.includes('previews')) return true;
  return JUNK_SUFFIXES.some((suffix) => lower.endsWith(suffix));
}

function ascii(head: Buffer, offset: number, length: number): string {
  return head.length >= offset + length ? head.toString('latin1', offset, offset + length) : '';
}

const HEIF_BRANDS = new Set(['heic', 'heix', 'heim', 'heis', 'hevc', 'hevx', 'hevm', 'hevs']);
const HEIF_GENERIC_BRANDS = new Set(['mif1', 'msf1', 'mif2']);

function sniffIsoBmff(head: Buffer): { mime: string; ext: string } | null {
  if (ascii(head, 4, 4) !== 'ftyp') return null;
  const boxLength = Math.min(head.readUInt32BE(0), head.length);
  const brands: string[] = [ascii(head, 8, 4)];
  for (let offset = 16; offset + 4 <= boxLength; offset += 4) brands.push(ascii(head, offset, 4));
  if (brands[0] === 'crx ') return { mime: 'image/x-canon-cr3', ext: 'cr3' };
  if (brands.includes('avif') || brands.includes('avis')) return { mime: 'image/avif', ext: 'avif' };
  // Only the 'heic' major brand is image/heic; 'heix' (10-bit, e.g. Canon .HIF) and generic 'mif1' files are image/heif.
  if (brands[0] === 'heic') return { mime: 'image/heic', ext: 'heic' };
  if (brands.some((b) => HEIF_BRANDS.has(b) || HEIF_GENERIC_BRANDS.has(b))) return { mime: 'image/heif', ext: 'heif' };
  return null;
}

function sniffTiff(head: Buffer): { mime: string; ext: string } | null {
  const order = ascii(head, 0, 2);
  if (order !== 'II' && order !== 'MM') return null;
  const magic = order === 'II' ? head.readUInt16LE(2) : head.readUInt16BE(2);
  if (order === 'II' && magic === 0x55) return { mime: 'image/x-panasonic-rw2', ext: 'rw2' };
  if (order === 'II' && (magic === 0x4f52 || magic === 0x5352)) return { mime: 'image/x-olympus-orf', ext: 'orf' };
  if (magic !== 42) return null;
  if (ascii(head, 8, 2) === 'CR') return { mime: 'image/x-canon-cr2', ext: 'cr2' };
  return { mime: 'image/tiff', ext: 'tiff' };
}

/** The real type from the first bytes (≥ 64 bytes for ISO-BMFF brands). TIFF-based RAW other than CR2/RW2/ORF reads as TIFF. */
export function sniffPhotoType(head: Buffer): { mime: string; ext: string } | null {
  if (head.length < 12) return null;
  if (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return { mime: 'image/jpeg', ext: 'jpg' };
  if (head.readUInt32BE(0) === 0x89504e47 && head.readUInt32BE(4) === 0x0d0a1a0a) return { mime: 'image/png', ext: 'png' };
  if (ascii(head, 0, 4) === 'RIFF' && ascii(head, 8, 4) === 'WEBP') return { mime: 'image/webp', ext: 'webp' };
  if (ascii(head, 0, 15) === 'FUJIFILMCCD-RAW') return { mime: 'image/x-fujifilm-raf', ext: 'raf' };
  return sniffIsoBmff(head) ?? sniffTiff(head);
}

/**
 * The MIME type to report: the content decides the family; for TIFF-based RAW (NEF, ARW, DNG… all read as TIFF)
 * the extension names the maker's format, as long as it is itself a TIFF-based RAW.
 */
export function resolveMimeType(path: string, sniffed: { mime: string; ext: string }): string {
  const byName = photoTypeByExtension(path);
  if (sniffed.mime === 'image/tiff' && byName?.raw && byName.mime !== 'image/x-canon-cr3' && byName.mime !== 'image/x-fujifilm-raf') {
    return byName.mime;
  }
  return sniffed.mime;
}
