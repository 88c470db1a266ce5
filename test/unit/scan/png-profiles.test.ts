import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decodeRawProfile, parseIim, pngRawProfiles } from '../../../src/main/engine/metadata/png-profiles';

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  return Buffer.concat([length, Buffer.from(type, 'latin1'), data, Buffer.alloc(4)]);
}

function rawProfileText(name: string, bytes: Buffer): string {
  const hex = bytes.toString('hex').replace(/(.{72})/g, '$1\n');
  return `\n${name}\n${String(bytes.length).padStart(8)}\n${hex}\n`;
}

function png(...chunks: Buffer[]): Buffer {
  return Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), ...chunks, chunk('IDAT', Buffer.alloc(10)), chunk('IEND', Buffer.alloc(0))]);
}

const photoOf = (bytes: Buffer) => ({ size: bytes.length, head: bytes, file: () => Promise.reject(new Error('no read beyond the head expected')) });

const TIFF = Buffer.from('4d4d002a00000008', 'hex');
const iim = (dataset: number, text: string) => {
  const value = Buffer.from(text, 'utf8');
  const head = Buffer.from([0x1c, 2, dataset, 0, 0]);
  head.writeUInt16BE(value.length, 3);
  return Buffer.concat([head, value]);
};

describe('PNG raw profiles', () => {
  it('decodes the hex body of a raw profile and refuses one whose length does not match', () => {
    expect(decodeRawProfile(rawProfileText('exif', TIFF))).toEqual(TIFF);
    expect(decodeRawProfile('\nexif\n      99\n4d4d\n')).toBeNull();
    expect(decodeRawProfile('just a comment')).toBeNull();
  });

  it('finds EXIF (without its Exif header) in tEXt and IPTC in a compressed zTXt', async () => {
    const exif = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), TIFF]);
    const iptc = Buffer.concat([iim(5, 'ovni'), iim(25, 'night')]);
    const text = chunk('tEXt', Buffer.from(`Raw profile type exif\0${rawProfileText('exif', exif)}`, 'latin1'));
    const ztxt = chunk('zTXt', Buffer.concat([Buffer.from('Raw profile type iptc\0\0', 'latin1'), deflateSync(rawProfileText('iptc', iptc))]));
    const profiles = await pngRawProfiles(photoOf(png(chunk('IHDR', Buffer.alloc(13)), text, ztxt)));
    expect(profiles.exif).toEqual(TIFF);
    expect(profiles.iptc).toEqual(iptc);
  });

  it('ignores other text chunks and a damaged compressed one', async () => {
    const comment = chunk('tEXt', Buffer.from('Comment\0hello', 'latin1'));
    const damaged = chunk('zTXt', Buffer.from('Raw profile type exif\0\0not zlib', 'latin1'));
    expect(await pngRawProfiles(photoOf(png(comment, damaged)))).toEqual({});
  });
});

describe('IPTC-IIM', () => {
  it('reads record 2 as dataset number → text, repeated datasets as a list, UTF-8 or Latin-1', () => {
    const latin1 = Buffer.from([0x1c, 2, 120, 0, 3, 0x63, 0x61, 0xe9]); // "caé" in Latin-1
    const block = parseIim(Buffer.concat([iim(5, 'Tōkyō Tower'), iim(25, 'night'), iim(25, 'city'), latin1]));
    expect(block).toEqual({ 5: 'Tōkyō Tower', 25: ['night', 'city'], 120: 'caé' });
  });

  it('stops at bytes that are not a dataset', () => {
    expect(parseIim(Buffer.concat([iim(5, 'ovni'), Buffer.from('garbage')]))).toEqual({ 5: 'ovni' });
  });
});
