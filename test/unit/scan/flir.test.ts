/**
 * FLIR's own records (APP1 "FLIR" segments): the date and lens FLIR thermal cameras write nowhere else, decoded
 * as exiftool's FLIR.pm (CameraInfo 0x170 LensModel, 0x384 Unix time, milliseconds, zone in minutes west).
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { flirCameraInfo } from '../../../src/main/engine/metadata/flir';
import { inspectPhoto } from '../../../src/main/engine/read/inspect';
import { foundFileIn } from '../../helpers/metadata-agreement';
import { repoRoot } from '../../helpers/paths';

/** A big-endian FFF file with one CameraInfo record, as a FLIR camera writes it into its JPEG. */
function fffWith(lens: string, seconds: number, millis: number, zoneMinutesWest: number): Buffer {
  const info = Buffer.alloc(0x390);
  info.writeUInt16BE(2, 0); // CameraInfoByteOrder
  info.write(lens, 0x170, 'latin1');
  info.writeUInt32BE(seconds, 0x384);
  info.writeUInt32BE(millis, 0x388);
  info.writeInt16BE(zoneMinutesWest, 0x38c);
  const header = Buffer.alloc(0x40);
  header.write('FFF\u0000', 0, 'latin1');
  header.writeUInt32BE(100, 0x14); // version
  header.writeUInt32BE(0x40, 0x18); // directory offset
  header.writeUInt32BE(1, 0x1c); // entries
  const entry = Buffer.alloc(0x20);
  entry.writeUInt16BE(0x20, 0); // CameraInfo
  entry.writeUInt32BE(0x60, 0x0c);
  entry.writeUInt32BE(info.length, 0x10);
  return Buffer.concat([header, entry, info]);
}

describe('FLIR CameraInfo', () => {
  it('gives the lens and the local time with milliseconds and the zone (minutes west → offset)', () => {
    // 2016-06-27T19:29:42Z, 4 hours west: 15:29:42.041-04:00
    expect(flirCameraInfo(fffWith('FOL13', Date.UTC(2016, 5, 27, 19, 29, 42) / 1000, 41, 240))).toEqual({
      takenAt: '2016-06-27T15:29:42.041-04:00',
      lensModel: 'FOL13',
    });
    expect(flirCameraInfo(fffWith('', Date.UTC(2012, 1, 11, 13, 17, 8) / 1000, 253, -60)).takenAt).toBe('2012-02-11T14:17:08.253+01:00');
  });

  it('gives nothing for an unset time, an empty lens or bytes that are not a FLIR file', () => {
    expect(flirCameraInfo(fffWith('', 0, 0, 0))).toEqual({ takenAt: undefined, lensModel: undefined });
    expect(flirCameraInfo(Buffer.from('not a FLIR record file at all, just text'.repeat(3)))).toEqual({});
  });

  it('fills the date and lens of real FLIR photos whose EXIF has none, and leaves an EXIF date first', async () => {
    const vue = await inspectPhoto(foundFileIn(path.join(repoRoot, 'test/fixtures/heldout-2'), 'metadata-extractor-images/FLIR-Vue-Pro-640.jpg'));
    expect(vue.metadatas).toMatchObject({ taken_at: '2016-06-27T15:29:42.041-04:00', lens_model: 'FOL13' });
    const i7 = await inspectPhoto(foundFileIn(path.join(repoRoot, 'test/fixtures/heldout'), 'exiftool/FLIR.jpg'));
    expect(i7.metadatas).toMatchObject({ taken_at: '2012-02-11T14:17:08', lens_model: 'FOL7' });
  });
});
