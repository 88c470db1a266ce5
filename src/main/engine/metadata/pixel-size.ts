/**
 * The real pixel size of the main image, from the image header (never decoding pixels, never trusting
 * EXIF's ExifImageWidth, which downscaled copies keep from the original).
 */
import { imageSize } from 'image-size';
import { findBoxPath, listBoxes } from './containers';
import type { RawMetadata } from './exif-read';
import type { JpegStructure } from './jpeg-structure';
import { firstNumber } from './metadata-values';
import { readAt, type PhotoBytes } from '../read/photo-bytes';
import { rafImageSize, rw2ImageSize, tiffMainImageSize, type PixelSize } from './raw-size';

const EXIF_IMAGE_WIDTH = 40962;
const EXIF_IMAGE_HEIGHT = 40963;

function sizeFromHeader(buffer: Buffer): PixelSize | null {
  try {
    const { width, height } = imageSize(buffer);
    return width && height ? { width, height } : null;
  } catch {
    return null;
  }
}

/** HEIF files may put the 'meta' box after the pixels: give image-size just 'ftyp' + 'meta'. */
async function heifSize(photo: PhotoBytes): Promise<PixelSize | null> {
  const fromHead = sizeFromHeader(photo.head);
  if (fromHead) return fromHead;
  const boxes = await listBoxes(photo, 0, photo.size);
  const wanted = boxes.filter((box) => box.type === 'ftyp' || box.type === 'meta');
  const parts = await Promise.all(wanted.map((box) => readAt(photo, box.start - 8, box.end - box.start + 8)));
  return sizeFromHeader(Buffer.concat(parts));
}

/**
 * CR3: the first track's sample description ('CRAW', a visual sample entry) holds the size of the
 * full image, as exiftool's first ImageWidth/ImageHeight.
 */
async function canonCr3Size(photo: PhotoBytes): Promise<PixelSize | null> {
  const stsd = await findBoxPath(photo, ['moov', 'trak', 'mdia', 'minf', 'stbl', 'stsd']);
  if (!stsd) return null;
  // stsd: version/flags and entry count (8 bytes), then the first entry: its box header (8), the
  // sample entry's reserved bytes and data reference index (8), 16 bytes of visual fields, width, height.
  const entry = await readAt(photo, stsd.start + 8, 36);
  if (entry.length < 36 || entry.toString('latin1', 4, 8) !== 'CRAW') return null;
  const width = entry.readUInt16BE(32);
  const height = entry.readUInt16BE(34);
  return width && height ? { width, height } : null;
}

function canonCr2Size(raw: RawMetadata): PixelSize | null {
  // CR2's IFDs hold previews and an unsized raw strip; the Exif IFD states the image size (as exiftool uses).
  const width = firstNumber(raw.exif?.[EXIF_IMAGE_WIDTH]);
  const height = firstNumber(raw.exif?.[EXIF_IMAGE_HEIGHT]);
  return width && height ? { width, height } : null;
}

export async function pixelSizeOf(photo: PhotoBytes, mime: string, jpeg: JpegStructure | null, raw: RawMetadata): Promise<PixelSize | null> {
  const { head } = photo;
  switch (mime) {
    case 'image/jpeg':
      return jpeg && jpeg.width > 0 ? { width: jpeg.width, height: jpeg.height } : null;
    case 'image/heic':
    case 'image/heif':
    case 'image/avif':
      return heifSize(photo);
    case 'image/png':
    case 'image/webp':
    case 'image/tiff':
      return sizeFromHeader(head);
    case 'image/x-canon-cr2':
      return canonCr2Size(raw);
    case 'image/x-panasonic-rw2':
      return rw2ImageSize(head);
    case 'image/x-fujifilm-raf':
      return rafImageSize(head);
    case 'image/x-canon-cr3':
      return canonCr3Size(photo);
    default:
      return tiffMainImageSize(head); // DNG, NEF, ARW, ORF: the full-resolution IFD
  }
}
