/**
 * Values some cameras keep outside the standard EXIF tags, derived as exiftool derives them. The held-out
 * agreement test (test/integration/scan/metadata-heldout.test.ts) checks the same rules on real photos.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { TAG, toMetadatas } from '../../../src/main/engine/metadata/exif';
import { canonIso, readMakerNotes } from '../../../src/main/engine/metadata/maker-notes';
import { kodakTextIso } from '../../../src/main/engine/metadata/kodak-ifd';
import { repoRoot } from '../../helpers/paths';

const file = { filename: 'IMG_1.JPG', relativePath: 'IMG_1.JPG', sha1: 'ab'.repeat(20), size: 1, mimeType: 'image/jpeg' };
const heldout = (name: string) => readFileSync(path.join(repoRoot, 'test/fixtures/heldout', name));
const heldout2 = (name: string) => readFileSync(path.join(repoRoot, 'test/fixtures/heldout-2', name));
const heldout3 = (name: string) => readFileSync(path.join(repoRoot, 'test/fixtures/heldout-3', name));

describe('Canon ISO (exiftool Composite:ISO)', () => {
  it('takes CameraISO when it is a number, else BaseISO × AutoISO / 100 unrounded', () => {
    expect(canonIso(17, 0, 128)).toBe(100); // code 17 = ISO 100
    expect(canonIso(0x4000 | 250, 0, 128)).toBe(250); // 0x4000: the value itself
    expect(canonIso(15, 0, 128)).toBeCloseTo(50, 9); // Auto: 2^(128/32)·100/32 × 2^0·100 / 100
    expect(canonIso(15, -9, 128)).toBeCloseTo(50 * 2 ** (-9 / 32), 9); // 41.14…: exiftool -n gives it unrounded
    expect(canonIso(15, 0, 0)).toBeUndefined(); // BaseISO 0 is unknown
  });
});

describe('readMakerNotes on real photos', () => {
  it('finds the ISO of a Canon compact that writes none in EXIF, and a Canon DSLR lens', () => {
    expect(readMakerNotes(heldout('metadata-extractor-images/Canon-PowerShot-A40.jpg'), 'Canon').compositeIso).toBeCloseTo(50, 6);
    expect(readMakerNotes(heldout('exiftool/Canon1DmkIII.jpg'), 'Canon').lensModel).toBe('EF16-35mm f/2.8L II USM');
  });

  it("ignores a Canon binary directory whose first value is not its own length, as exiftool's Canon::Validate does", () => {
    // exiftool: "Invalid CanonCameraSettings data", "Invalid CanonShotInfo data" — no ISO at all
    expect(readMakerNotes(heldout3('metadata-extractor-images/Canon-PowerShot-S40--1-.jpg'), 'Canon').compositeIso).toBeUndefined();
    expect(readMakerNotes(heldout('exif-samples/Canon_PowerShot_S40.jpg'), 'Canon').compositeIso).toBe(100);
  });

  it('reads maker notes an editor moved (Canon footer offset)', () => {
    expect(readMakerNotes(heldout('exif-samples/11-tests.jpg'), 'Canon').compositeIso).toBeCloseTo(50, 6);
  });

  it('reads Casio (both layouts), Kodak, Nikon and Olympus maker notes', () => {
    expect(readMakerNotes(heldout('exiftool/Casio.jpg'), 'CASIO').iso).toBe(64);
    expect(readMakerNotes(heldout('exiftool/Casio2.jpg'), 'CASIO COMPUTER CO.,LTD').iso).toBe(50);
    expect(readMakerNotes(heldout('exiftool/Kodak.jpg'), 'EASTMAN KODAK COMPANY').iso).toBe(108);
    expect(readMakerNotes(heldout('metadata-extractor-images/Kodak-DC3400.jpg'), 'EASTMAN KODAK COMPANY').iso).toBe(100);
    expect(readMakerNotes(heldout('exiftool/NikonD70.jpg'), 'NIKON CORPORATION').iso).toBe(200);
    expect(readMakerNotes(heldout('metadata-extractor-images/Issue-339.jpg'), 'OLYMPUS IMAGING CORP.').lensModel).toBe('OLYMPUS 14-42mm Lens');
  });

  it("reads the ISO of an Asahi Optio's Casio-like maker note (exiftool's Pentax Type2, 0x0014) and not Pentax's AOC notes", () => {
    expect(readMakerNotes(heldout2('metadata-extractor-images/Pentax-Optio-330.jpg'), 'Asahi Optical Co.,Ltd').iso).toBe(100);
    expect(readMakerNotes(heldout2('metadata-extractor-images/Pentax-Optio-430.jpg'), 'Asahi Optical Co.,Ltd').iso).toBe(100);
    expect(readMakerNotes(heldout('exiftool/Pentax.jpg'), 'Asahi Optical Co.,Ltd')).toEqual({}); // "AOC\0": another layout
  });

  it('reads a Kodak ProBack\'s ISO from the text of its KodakIFD (TextualInfo "ISO:  100"), nothing without one', () => {
    expect(kodakTextIso(heldout2('metadata-extractor-images/Kodak-ProBack.jpg'))).toBe(100);
    expect(kodakTextIso(heldout('exiftool/Kodak.jpg'))).toBeUndefined(); // binary maker notes, no KodakIFD
  });

  it("reads a Minolta's f-number and exposure from its CameraSettings, as exiftool (2^((v-8)/16), 2^((48-v)/8))", () => {
    const notes = readMakerNotes(heldout('exiftool/Minolta.jpg'), 'Minolta Co., Ltd.', 'DiMAGE 7i');
    expect(notes.fNumber).toBeCloseTo(5.65685424949238, 10); // exiftool -Minolta:FNumber -n
    expect(notes.exposureTime).toBeCloseTo(0.0055242717280199, 12); // exiftool -Minolta:ExposureTime -n
  });

  it('gives nothing for a maker it does not know or bytes that are not a photo', () => {
    expect(readMakerNotes(heldout('exiftool/Sony.jpg'), 'SONY')).toEqual({});
    expect(readMakerNotes(Buffer.from('not a photo at all'), 'Canon')).toEqual({});
    const cut = heldout('exiftool/Canon1DmkIII.jpg').subarray(0, 700); // maker notes cut off
    expect(readMakerNotes(cut, 'Canon')).toEqual({});
  });
});

describe('toMetadatas fallbacks', () => {
  it('uses the maker notes only when EXIF has no ISO or lens', () => {
    const notes = { makerNotes: { iso: 64, lensModel: 'From notes' } };
    expect(toMetadatas({ exif: {}, ...notes }, file)).toMatchObject({ iso: '64', lens_model: 'From notes' });
    expect(toMetadatas({ exif: { [TAG.ISO]: 200, [TAG.LensModel]: 'From EXIF' }, ...notes }, file)).toMatchObject({ iso: '200', lens_model: 'From EXIF' });
    expect(toMetadatas({ exif: {}, makerNotes: { iso: 0 } }, file).iso).toBeUndefined(); // 0: the camera did not know
    expect(toMetadatas({ exif: { [TAG.ISO]: new Uint16Array([200, 0]) } }, file).iso).toBe('200'); // a two-number EXIF ISO, as exifr gives it
    expect(toMetadatas({ exif: {}, makerNotes: { fNumber: 5.65685424949238 } }, file).f_number).toBe('5.656854249');
    expect(toMetadatas({ exif: { [TAG.FNumber]: 5.6 }, makerNotes: { fNumber: 5.65685424949238 } }, file).f_number).toBe('5.6');
  });

  it("takes make, model, f-number, exposure and focal length from XMP's tiff:/exif: only when EXIF has none", () => {
    const xmp = { ifd0: { Make: 'FUJIFILM', Model: 'FinePixS1Pro' }, exif: { FNumber: '3/5', ExposureTime: '1/60', FocalLength: '0/1' } };
    expect(toMetadatas({ xmp }, file)).toMatchObject({
      camera_make: 'FUJIFILM',
      camera_model: 'FinePixS1Pro',
      f_number: '0.6',
      exposure_time: '0.01666666667',
    });
    expect(toMetadatas({ xmp }, file).focal_length).toBeUndefined(); // 0: unknown
    expect(toMetadatas({ ifd0: { [TAG.Make]: 'Fujifilm' }, exif: { [TAG.FNumber]: 4 }, xmp }, file)).toMatchObject({ camera_make: 'Fujifilm', f_number: '4' });
  });

  it("takes a Panasonic RW2's ISO from its IFD0 (PanasonicRaw 0x0017) when EXIF has none, and from no other file type", () => {
    expect(toMetadatas({ ifd0: { 23: 80 } }, { ...file, mimeType: 'image/x-panasonic-rw2' }).iso).toBe('80');
    expect(toMetadatas({ ifd0: { 23: 80 } }, file).iso).toBeUndefined();
  });

  it('takes the orientation from XMP, then IFD1, only when IFD0 has none', () => {
    expect(toMetadatas({ ifd0: {}, xmp: { ifd0: { Orientation: '6' } } }, file).orientation).toBe('6');
    expect(toMetadatas({ ifd0: {}, ifd1Orientation: 8 }, file).orientation).toBe('8');
    expect(toMetadatas({ ifd0: { [TAG.Orientation]: 1 }, ifd1Orientation: 8 }, file).orientation).toBe('1');
  });

  it('ends EXIF text at its first NUL and decodes XML character references in XMP only', () => {
    expect(toMetadatas({ ifd0: { [TAG.Model]: 'ION230\u0000F' } }, file).camera_model).toBe('ION230');
    expect(toMetadatas({ xmp: { dc: { title: 'Wilts &amp; Dorset Bus &#x263A;' } } }, file).title).toBe('Wilts & Dorset Bus ☺');
    expect(toMetadatas({ iptc: { [TAG.IptcKeywords]: 'A &amp; B' } }, file).keywords).toEqual(['A &amp; B']);
  });
});
