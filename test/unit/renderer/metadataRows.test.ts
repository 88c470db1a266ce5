/** The photo panel's metadata list: which fields show, in which order, with which units. */
import { describe, expect, it } from 'vitest';
import { metadataRows, toMetadatas } from '../../../src/renderer/features/photo/metadataRows';
import type { Metadatas } from '../../../src/shared/metadata';
import { inTimeZone } from '../../helpers/views';

/** Olympus PEN E-P3 values as exiftool reads them (fixtures/photos/expected.json), plus GPS and keywords. */
const full: Metadatas = {
  filename: 'P8270001.JPG',
  relative_path: '2013/Olympus/P8270001.JPG',
  sha1: 'a32fd5cbf6fbb9b7bb9ef4046efb6ad934a7a429',
  file_size: '128894',
  mime_type: 'image/jpeg',
  taken_at: '2013-08-27T19:45:23',
  camera_make: 'OLYMPUS IMAGING CORP.',
  camera_model: 'E-P3',
  lens_model: 'OLYMPUS M.17mm F1.8',
  iso: '1600',
  f_number: '1.8',
  exposure_time: '0.01666666667',
  focal_length: '17',
  orientation: '1',
  width: '1280',
  height: '960',
  gps_latitude: '-33.8567844',
  gps_longitude: '151.2152967',
  title: 'Harbour at dusk',
  description: 'From the ferry',
  keywords: ['sydney', 'harbour'],
};

describe('metadataRows', () => {
  inTimeZone('Europe/Paris');

  it('lists a fully tagged photo in reading order, with units', () => {
    expect(metadataRows(full)).toEqual([
      { key: 'camera_make', label: 'Camera make', value: 'OLYMPUS IMAGING CORP.' },
      { key: 'camera_model', label: 'Camera model', value: 'E-P3' },
      { key: 'lens_model', label: 'Lens', value: 'OLYMPUS M.17mm F1.8' },
      { key: 'exposure_time', label: 'Exposure', value: '1/60 s' },
      { key: 'f_number', label: 'Aperture', value: 'f/1.8' },
      { key: 'iso', label: 'ISO', value: '1600' },
      { key: 'focal_length', label: 'Focal length', value: '17 mm' },
      { key: 'taken_at', label: 'Taken', value: new Date(2013, 7, 27, 19, 45, 23).toLocaleString() },
      { key: 'gps', label: 'Location', value: '33.85678° S, 151.21530° E' },
      { key: 'dimensions', label: 'Dimensions', value: '1280 × 960' },
      { key: 'keywords', label: 'Keywords', value: 'sydney, harbour' },
      { key: 'filename', label: 'File', value: 'P8270001.JPG' },
      { key: 'relative_path', label: 'Folder path', value: '2013/Olympus/P8270001.JPG' },
      { key: 'file_size', label: 'Size', value: '129 KB' },
      { key: 'mime_type', label: 'Type', value: 'image/jpeg' },
    ]);
  });

  it('does not list the hash, orientation, title or description (edited elsewhere or not for people)', () => {
    const keys = metadataRows(full).map((r) => r.key);
    for (const hidden of ['sha1', 'orientation', 'title', 'description']) expect(keys).not.toContain(hidden);
  });

  it('leaves out every missing value instead of showing an empty row', () => {
    expect(metadataRows({ filename: 'scan.png', file_size: '2048', mime_type: 'image/png' })).toEqual([
      { key: 'filename', label: 'File', value: 'scan.png' },
      { key: 'file_size', label: 'Size', value: '2.0 KB' },
      { key: 'mime_type', label: 'Type', value: 'image/png' },
    ]);
    expect(metadataRows({})).toEqual([]);
  });

  it('treats empty strings and empty keyword lists as missing', () => {
    expect(metadataRows({ camera_make: '', f_number: '', focal_length: '', exposure_time: '', keywords: [] })).toEqual([]);
  });

  it('shows a location only when both coordinates are known', () => {
    expect(metadataRows({ gps_latitude: '48.858222' })).toEqual([]);
    expect(metadataRows({ gps_longitude: '2.2945' })).toEqual([]);
    expect(metadataRows({ gps_latitude: '48.858222', gps_longitude: '2.2945' })).toEqual([{ key: 'gps', label: 'Location', value: '48.85822° N, 2.29450° E' }]);
  });

  it('shows dimensions only when both width and height are known', () => {
    expect(metadataRows({ width: '6000' })).toEqual([]);
    expect(metadataRows({ height: '4000' })).toEqual([]);
  });

  it('shows a zero-byte file as 0 B rather than hiding its size', () => {
    expect(metadataRows({ file_size: '0' })).toEqual([{ key: 'file_size', label: 'Size', value: '0 B' }]);
  });

  it('shows a long exposure in seconds', () => {
    expect(metadataRows({ exposure_time: '30' })).toEqual([{ key: 'exposure_time', label: 'Exposure', value: '30 s' }]);
  });
});

describe('toMetadatas (backend image records carry loose JSON)', () => {
  it('keeps strings, turns numbers into strings and keyword lists into string lists', () => {
    expect(toMetadatas({ camera_model: 'X-T4', iso: 400, f_number: 2.8, width: 6240, keywords: ['a', 7], gps_latitude: -33.85 })).toEqual({
      camera_model: 'X-T4',
      iso: '400',
      f_number: '2.8',
      width: '6240',
      keywords: ['a', '7'],
      gps_latitude: '-33.85',
    });
  });

  it('drops null, booleans and nested objects', () => {
    expect(toMetadatas({ lens_model: null, iso: true, exif: { a: 1 }, filename: 'a.jpg' })).toEqual({ filename: 'a.jpg' });
  });

  it('feeds metadataRows so an album image shows the same rows as a queued one', () => {
    expect(metadataRows(toMetadatas({ iso: 100, focal_length: 50, f_number: 8 }))).toEqual([
      { key: 'f_number', label: 'Aperture', value: 'f/8' },
      { key: 'iso', label: 'ISO', value: '100' },
      { key: 'focal_length', label: 'Focal length', value: '50 mm' },
    ]);
  });
});
