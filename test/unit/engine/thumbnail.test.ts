/** The embedded preview shown in the queue: a whole JPEG, or none (never bytes that draw as a broken picture). */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isWholeJpeg, readThumbnail } from '../../../src/main/engine/metadata/exif';
import { fixturesDir } from '../../helpers/paths';

const camera = (name: string) => path.join(fixturesDir, 'cameras', name);

describe('readThumbnail', () => {
  it('gives the embedded JPEG preview, start and end markers included (padding may follow the end)', async () => {
    const thumbnail = await readThumbnail(camera('canon-eos-1300d.jpg'));
    expect(thumbnail?.subarray(0, 2).toString('hex')).toBe('ffd8');
    expect(thumbnail!.length).toBeGreaterThan(1000);
    expect(isWholeJpeg(thumbnail!)).toBe(true);
  });

  it('tells a whole JPEG from one cut short', () => {
    const whole = Buffer.from([0xff, 0xd8, 0xff, 0xdb, 0, 0, 0xff, 0xd9, 0xff, 0xff]);
    expect(isWholeJpeg(whole)).toBe(true);
    expect(isWholeJpeg(whole.subarray(0, 6))).toBe(false);
    expect(isWholeJpeg(Buffer.from('not a picture'))).toBe(false);
  });

  it('gives none for a preview cut short (IFD1 pointing at the photo itself with a made-up length)', async () => {
    expect(await readThumbnail(camera('panasonic-dmc-lc40.jpg'))).toBeNull();
  });

  it('gives none for a photo without one', async () => {
    expect(await readThumbnail(camera('apple-iphone-4.jpg'))).toBeNull();
  });
});
