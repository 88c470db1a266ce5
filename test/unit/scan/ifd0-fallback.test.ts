/**
 * IFD0 read by our own walker when exifr drops it whole (an entry of format 0), as exiftool reads it: the bad
 * entry skipped, Make, Model and Orientation kept.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ifd0Fallback } from '../../../src/main/engine/metadata/ifd0-fallback';
import { inspectPhoto } from '../../../src/main/engine/read/inspect';
import { foundFileIn } from '../../helpers/metadata-agreement';
import { fixturesDir } from '../../helpers/paths';

const SONY = 'gps/sony-dsc-hx5v.jpg'; // IFD0 entry 4 has format 0 (exiftool: "Bad format (0) for IFD0 entry 4")

describe('ifd0Fallback', () => {
  it('reads the text and integer entries of an IFD0 with an entry of format 0', () => {
    const ifd0 = ifd0Fallback(readFileSync(path.join(fixturesDir, SONY)));
    expect(ifd0).toMatchObject({ 271: 'SONY', 272: 'DSC-HX5V', 274: 1 });
  });

  it('gives the camera of that photo through the whole reading, and nothing for bytes without a TIFF', async () => {
    const { metadatas } = await inspectPhoto(foundFileIn(fixturesDir, SONY));
    expect(metadatas).toMatchObject({ camera_make: 'SONY', camera_model: 'DSC-HX5V', orientation: '1' });
    expect(ifd0Fallback(Buffer.from('no TIFF here'))).toBeUndefined();
  });
});
