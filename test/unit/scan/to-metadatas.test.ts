import { describe, expect, it } from 'vitest';
import { TAG, toMetadatas } from '../../../src/main/engine/metadata/exif';
import { isIgnoredName, photoTypeByExtension, sniffPhotoType } from '../../../src/main/engine/metadata/photo-types';
import { METADATA_LIMITS, truncateText } from '../../../src/shared/metadata';

const file = { filename: 'IMG_1.JPG', relativePath: 'card/IMG_1.JPG', sha1: 'ab'.repeat(20), size: 1234, mimeType: 'image/jpeg' };

describe('toMetadatas', () => {
  it('keeps the camera wall-clock time, whatever the machine time zone (TZ is set far from UTC for this run)', () => {
    process.env.TZ = 'Pacific/Kiritimati'; // has no effect after start, so nothing below may use local-time Date methods
    const noOffset = toMetadatas({ exif: { [TAG.DateTimeOriginal]: '2013:08:27 23:45:23' } }, file);
    expect(noOffset.taken_at).toBe('2013-08-27T23:45:23');
    const withOffset = toMetadatas({ exif: { [TAG.DateTimeOriginal]: '2022:02:16 12:55:41', [TAG.OffsetTimeOriginal]: '-05:00' } }, file);
    expect(withOffset.taken_at).toBe('2022-02-16T12:55:41-05:00');
  });

  it('ignores blank dates and falls back to XMP then IPTC dates', () => {
    expect(toMetadatas({ exif: { [TAG.DateTimeOriginal]: '0000:00:00 00:00:00' } }, file).taken_at).toBeUndefined();
    expect(toMetadatas({ xmp: { photoshop: { DateCreated: '2007-04-19T11:03:15.25-06:00' } } }, file).taken_at).toBe('2007-04-19T11:03:15-06:00');
    expect(toMetadatas({ iptc: { [TAG.IptcDateCreated]: '20070419', [TAG.IptcTimeCreated]: '110315+0200' } }, file).taken_at).toBe('2007-04-19T11:03:15+02:00');
  });

  it('signs GPS by hemisphere and drops empty coordinates', () => {
    const west = toMetadatas(
      { gps: { [TAG.GPSLatitudeRef]: 'S', [TAG.GPSLatitude]: [33, 51, 54], [TAG.GPSLongitudeRef]: 'W', [TAG.GPSLongitude]: [122, 20.24, 0] } },
      file,
    );
    expect(west.gps_latitude).toBe('-33.865');
    expect(Number(west.gps_longitude)).toBeCloseTo(-122.337333, 5);
    const empty = toMetadatas({ gps: { [TAG.GPSLatitude]: [null, null, null], [TAG.GPSLongitude]: [null, null, null] } }, file);
    expect(empty.gps_latitude).toBeUndefined();
    expect(empty.gps_longitude).toBeUndefined();
  });

  it('treats orientation 0 as invalid and keeps 1-8', () => {
    expect(toMetadatas({ ifd0: { [TAG.Orientation]: 0 } }, file).orientation).toBeUndefined();
    expect(toMetadatas({ ifd0: { [TAG.Orientation]: 6 } }, file).orientation).toBe('6');
  });

  it('reports the stored pixel size, not swapped by orientation', () => {
    const m = toMetadatas({ ifd0: { [TAG.Orientation]: 6 }, pixelSize: { width: 4032, height: 3024 } }, file);
    expect([m.width, m.height]).toEqual(['4032', '3024']);
  });

  it('merges IPTC keywords, XMP subject and the sidecar without duplicates', () => {
    const m = toMetadatas(
      { iptc: { [TAG.IptcKeywords]: ['Berlin', 'night'] }, xmp: { dc: { subject: ['night', 'Spree'] } }, sidecar: { dc: { subject: 'Berlin' } } },
      file,
    );
    expect(m.keywords).toEqual(['Berlin', 'night', 'Spree']);
  });

  it('takes the title from the sidecar, then XMP, then IPTC ObjectName', () => {
    expect(toMetadatas({ iptc: { [TAG.IptcObjectName]: 'iptc title' } }, file).title).toBe('iptc title');
    expect(toMetadatas({ iptc: { [TAG.IptcObjectName]: 'iptc' }, xmp: { dc: { title: { lang: 'x-default', value: 'xmp' } } } }, file).title).toBe('xmp');
    expect(toMetadatas({ xmp: { dc: { title: 'xmp' } }, sidecar: { dc: { title: { lang: 'x-default', value: 'edited' } } } }, file).title).toBe('edited');
  });

  it('writes exposure values as plain decimals and uses RecommendedExposureIndex when ISO overflowed', () => {
    const m = toMetadatas(
      { exif: { [TAG.ExposureTime]: 1 / 60, [TAG.FNumber]: 1.8, [TAG.FocalLength]: 5.7, [TAG.ISO]: 65535, [TAG.RecommendedExposureIndex]: 102400 } },
      file,
    );
    expect(m).toMatchObject({ exposure_time: '0.01666666667', f_number: '1.8', focal_length: '5.7', iso: '102400' });
  });

  it('always carries the file facts as strings and omits what the file lacks', () => {
    const m = toMetadatas({}, file);
    expect(m).toEqual({ filename: 'IMG_1.JPG', relative_path: 'card/IMG_1.JPG', sha1: file.sha1, file_size: '1234', mime_type: 'image/jpeg' });
  });
});

describe('metadata caps', () => {
  it('cuts an 11 MB title, and every other string, to its cap without splitting a character', () => {
    const title = `a${'📷'.repeat(5_500_000)}`; // 1 + 2 code units each: the cap falls inside a pair
    const camera = 'C'.repeat(100_000);
    const m = toMetadatas(
      { iptc: { [TAG.IptcObjectName]: title }, ifd0: { [TAG.Make]: camera, [TAG.Model]: camera }, exif: { [TAG.LensModel]: camera } },
      file,
    );
    expect(m.title).toBe(`a${'📷'.repeat((METADATA_LIMITS.title - 2) / 2)}`);
    expect(m.title!.length).toBe(METADATA_LIMITS.title - 1);
    expect(m.title!.at(-1)).toBe('📷'.at(-1)); // ends on the low half of a whole pair
    expect([m.camera_make, m.camera_model, m.lens_model]).toEqual(Array(3).fill('C'.repeat(METADATA_LIMITS.other)));
  });

  it('keeps at most the keyword count, each keyword capped, no duplicates made by the cut', () => {
    const many = Array.from({ length: 5000 }, (_, i) => `k${i}`);
    expect(toMetadatas({ iptc: { [TAG.IptcKeywords]: many } }, file).keywords).toEqual(many.slice(0, METADATA_LIMITS.keywordCount));
    const long = ['x'.repeat(300) + '1', 'x'.repeat(300) + '2'];
    expect(toMetadatas({ iptc: { [TAG.IptcKeywords]: long } }, file).keywords).toEqual(['x'.repeat(METADATA_LIMITS.keyword)]);
  });

  it('truncateText leaves short text alone and never ends on half a pair', () => {
    expect(truncateText('abc', 3)).toBe('abc');
    expect(truncateText('ab📷', 3)).toBe('ab');
    expect(truncateText('ab📷', 4)).toBe('ab📷');
  });
});

describe('isIgnoredName', () => {
  it.each([
    '.DS_Store',
    '._IMG_1.JPG',
    '@eaDir',
    'Thumbs.db',
    'IMG_1.xmp',
    'IMG_1.XMP',
    'Lightroom Catalog.lrcat',
    'Lightroom Catalog Previews.lrdata',
    'photo.jpg.part',
    'x.tmp',
    '~$draft.jpg',
  ])('ignores %s', (name) => expect(isIgnoredName(name)).toBe(true));
  it.each(['IMG_0001.JPG', 'Crème brûlée.jpg', 'emoji 📷.heic', 'raw.CR3', 'Summer 2019'])('keeps %s', (name) => expect(isIgnoredName(name)).toBe(false));
});

describe('photo types', () => {
  it('knows photo extensions case-insensitively, RAW included', () => {
    expect(photoTypeByExtension('/a/IMG_1.HIF')).toEqual({ ext: 'hif', mime: 'image/heif', raw: false });
    expect(photoTypeByExtension('b.ORF')?.raw).toBe(true);
    expect(photoTypeByExtension('notes.txt')).toBeNull();
  });

  const pad = (bytes: number[] | string) => Buffer.concat([Buffer.from(bytes as never), Buffer.alloc(64)]);
  it('sniffs the real type from magic bytes', () => {
    expect(sniffPhotoType(pad([0xff, 0xd8, 0xff, 0xe1]))?.mime).toBe('image/jpeg');
    expect(sniffPhotoType(pad([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))?.mime).toBe('image/png');
    expect(sniffPhotoType(pad('RIFF\0\0\0\0WEBPVP8 '))?.mime).toBe('image/webp');
    expect(sniffPhotoType(pad('\0\0\0\x18ftypheic\0\0\0\0mif1heic'))?.mime).toBe('image/heic');
    expect(sniffPhotoType(pad('\0\0\0\x18ftypavif\0\0\0\0avifmif1'))?.mime).toBe('image/avif');
    expect(sniffPhotoType(pad('\0\0\0\x18ftypcrx \0\0\0\0crx isom'))?.mime).toBe('image/x-canon-cr3');
    expect(sniffPhotoType(pad('II*\0\x10\0\0\0CR'))?.mime).toBe('image/x-canon-cr2');
    expect(sniffPhotoType(pad('FUJIFILMCCD-RAW 0201'))?.mime).toBe('image/x-fujifilm-raf');
    expect(sniffPhotoType(pad('hello, this is text'))).toBeNull();
    expect(sniffPhotoType(Buffer.alloc(0))).toBeNull();
  });
});
