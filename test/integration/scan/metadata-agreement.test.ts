/**
 * Our metadata against exiftool's reading of the real photos (expected.json), key by key.
 * Maker-note ISO and lens (Canon, Casio, Kodak, Nikon, Olympus, Asahi Pentax) are read as exiftool reads them; its
 * placeholders (a 0 for an unknown value, an all-zero date) are read as the contract reads them, as for the held-out
 * sets (test/helpers/metadata-agreement.ts); a Panasonic RW2's ISO comes from its own IFD0, and an IFD0 exifr drops
 * whole (an entry of format 0) is read by our own walker, as exiftool reads them. Known, explained difference: an
 * IPTC keyword longer than its dataset says.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { inspectPhoto } from '../../../src/main/engine/read/inspect';
import { AppError } from '../../../src/shared/errors';
import { fixturesDir as photos } from '../../helpers';
import { foundFileIn, measureAgreement, printAgreement, readExpected } from '../../helpers/metadata-agreement';

const expected = readExpected(photos);
const foundFile = (relativePath: string) => foundFileIn(photos, relativePath);

const photoKeys = Object.keys(expected).filter((key) => !key.startsWith('broken/') && !key.endsWith('.xmp'));

describe('metadata agreement with exiftool', () => {
  it('agrees on at least 99 % of compared values over every fixture photo', async () => {
    const agreement = await measureAgreement(photos, expected, photoKeys);
    printAgreement('Fixture photos', agreement);
    expect(photoKeys.length).toBeGreaterThan(60);
    expect(agreement.agree / agreement.total).toBeGreaterThanOrEqual(0.99);
  });

  it('reads the camera, date and title an ImageMagick PNG keeps in its raw EXIF and IPTC profiles', async () => {
    const key = 'formats/png/nikon-d70-exif-iptc.png';
    const { metadatas } = await inspectPhoto(foundFile(key));
    expect(metadatas.camera_model).toBe(expected[key]!.Model);
    expect(metadatas.taken_at).toBe('2006-02-04T16:09:30');
    expect(metadatas.title).toBe('ovni');
  });

  it('pairs IMG_5910.jpg with its sidecar and never treats the sidecar as a photo', async () => {
    const inspected = await inspectPhoto(foundFile('iptc-xmp/IMG_5910.jpg'));
    expect(inspected.metadatas.keywords).toEqual(expect.arrayContaining(['Alvin the Squirrel', 'Berkley', 'USA']));
    await expect(inspectPhoto(foundFile('iptc-xmp/IMG_5910.xmp'))).rejects.toMatchObject({ code: 'NOT_A_PHOTO' });
  });
});

describe('broken fixtures', () => {
  it.each([
    ['broken/MADE-empty-0-bytes.jpg', 'EMPTY_FILE'],
    ['broken/MADE-truncated-55pct-of-olympus-pen-e-p3.jpg', 'CORRUPT_FILE'],
    ['broken/MADE-truncated-inside-exif-4096-bytes-of-olympus-pen-e-p3.jpg', 'CORRUPT_FILE'],
  ])('%s fails with %s and a message naming the file', async (key, code) => {
    const error = await inspectPhoto(foundFile(key)).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe(code);
    expect((error as AppError).message).toContain(path.basename(key));
  });

  it.each(['broken/canon-eos-30d-corrupt-exif.jpg', 'broken/misnamed-jpeg-with-nef-extension-nikon-d70s.nef', 'broken/sof-height-0-dnl.jpg'])(
    '%s is accepted as a JPEG',
    async (key) => {
      const inspected = await inspectPhoto(foundFile(key));
      expect(inspected.mimeType).toBe('image/jpeg');
      expect(inspected.sha1).toBe(expected[key]!.sha1);
    },
  );
});
