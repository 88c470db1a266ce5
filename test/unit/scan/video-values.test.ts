import { describe, expect, it } from 'vitest';
import { iso6709, quickTimeDate, rotationOf } from '../../../src/main/engine/metadata/video-quicktime';
import { riffDate } from '../../../src/main/engine/metadata/video-riff';
import { sniffVideoType, videoTypeByExtension } from '../../../src/main/engine/metadata/video-metadata';
import { videoMetadatas } from '../../../src/main/engine/metadata/video-facts';

const file = { filename: 'a.mov', relativePath: 'a.mov', sha1: 'x', size: 10, mimeType: 'video/quicktime' };

describe('video values', () => {
  it('reads QuickTime seconds since 1904 as UTC and leaves an unset (0) date out', () => {
    expect(quickTimeDate(3_646_801_557)).toBe('2019-07-24T08:25:57Z');
    expect(quickTimeDate(0)).toBeUndefined();
  });

  it('turns the track matrix into degrees clockwise', () => {
    expect(rotationOf(1, 0)).toBe(0);
    expect(rotationOf(0, 1)).toBe(90);
    expect(rotationOf(-1, 0)).toBe(180);
    expect(rotationOf(0, -1)).toBe(270);
  });

  it('reads ISO 6709 locations, with and without altitude, and refuses out-of-range ones', () => {
    expect(iso6709('+32.0929+034.8620+028.516/')).toEqual({ latitude: 32.0929, longitude: 34.862 });
    expect(iso6709('+51.4169-000.0806/')).toEqual({ latitude: 51.4169, longitude: -0.0806 });
    expect(iso6709('+95.0+010.0/')).toBeUndefined();
    expect(iso6709('nowhere')).toBeUndefined();
  });

  it('reads the AVI IDIT date in both forms cameras write', () => {
    expect(riffDate('MON SEP 10 20:52:00 2012\n')).toBe('2012-09-10T20:52:00');
    expect(riffDate('2012:09:10 20:52:00')).toBe('2012-09-10T20:52:00');
    expect(riffDate('garbage')).toBeUndefined();
  });

  it('prefers Apple’s CreationDate (with offset) to the UTC CreateDate and maps rotation to orientation', () => {
    const m = videoMetadatas({ createDate: '2019-07-24T08:25:57Z', creationDate: '2019-07-24T11:25:40+0300', rotation: 90, duration: 4.0016666666 }, file);
    expect(m).toMatchObject({ taken_at: '2019-07-24T11:25:40+03:00', orientation: '6', duration: '4.001666667' });
    expect(videoMetadatas({ createDate: '2017-02-22T08:20:28Z' }, file).taken_at).toBe('2017-02-22T08:20:28Z');
  });

  it('knows videos by name and by content, and not TypeScript or text files', () => {
    expect(videoTypeByExtension('/card/CLIP.MTS')).toBe('video/m2ts');
    expect(videoTypeByExtension('/x/a.ts')).toBeNull();
    expect(sniffVideoType(Buffer.from('00000018667479703367703500000000', 'hex'))).toBe('video/3gpp');
    expect(sniffVideoType(Buffer.from('RIFF\0\0\0\0AVI LIST', 'latin1'))).toBe('video/x-msvideo');
    expect(sniffVideoType(Buffer.from('export const a = 1;\n', 'latin1'))).toBeNull();
  });
});

describe('remote signing of a video', () => {
  it('sends the backend-signed fields to video/upload: the resource type is in the URL, not the signature', async () => {
    const { signedRequestOf } = await import('../../../src/main/engine/backend/remote-signer');
    const answer = {
      upload_url: 'https://api.cloudinary.com/v1_1/demo/image/upload',
      api_key: 'k',
      timestamp: 1,
      signature: 's',
      params: { type: 'authenticated' },
    };
    expect(signedRequestOf(answer, 'video').url).toBe('https://api.cloudinary.com/v1_1/demo/video/upload');
    expect(signedRequestOf(answer).url).toBe('https://api.cloudinary.com/v1_1/demo/image/upload');
  });
});
