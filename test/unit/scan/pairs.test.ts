import { describe, expect, it } from 'vitest';
import { groupPairs } from '../../../src/main/engine/discover/pairs';
import type { FoundFile } from '../../../src/main/engine/discover/walk';

const f = (p: string): FoundFile => ({ path: `/card/${p}`, root: '/card', relativePath: p, size: 1, mtimeMs: 0 });
const names = (files: { file: FoundFile; companions: { raw?: FoundFile; motion?: FoundFile } }[]) =>
  files.map((x) => [x.file.relativePath, x.companions.raw?.relativePath ?? null, x.companions.motion?.relativePath ?? null]).sort();

describe('groupPairs', () => {
  const card = [f('DCIM/IMG_0001.CR2'), f('DCIM/IMG_0001.JPG'), f('DCIM/IMG_0002.jpg'), f('DCIM/DSC_9.NEF'), f('live/IMG_4521.HEIC'), f('live/IMG_4521.MOV')];

  it('pair (default): the JPEG is the album photo, its RAW goes along; a Live Photo still carries its clip', () => {
    const grouped = groupPairs(card);
    expect(names(grouped.photos)).toEqual([
      ['DCIM/DSC_9.NEF', null, null],
      ['DCIM/IMG_0001.JPG', 'DCIM/IMG_0001.CR2', null],
      ['DCIM/IMG_0002.jpg', null, null],
      ['live/IMG_4521.HEIC', null, 'live/IMG_4521.MOV'],
    ]);
    expect(grouped.paired).toEqual([]);
  });

  it('both: RAW and JPEG are two album photos', () => {
    const grouped = groupPairs(card, 'both');
    expect(names(grouped.photos).map(([n]) => n)).toEqual([
      'DCIM/DSC_9.NEF',
      'DCIM/IMG_0001.CR2',
      'DCIM/IMG_0001.JPG',
      'DCIM/IMG_0002.jpg',
      'live/IMG_4521.HEIC',
    ]);
  });

  it('jpeg / raw: only that half is uploaded; the other is reported as paired', () => {
    const jpeg = groupPairs(card, 'jpeg');
    expect(names(jpeg.photos).map(([n]) => n)).toContain('DCIM/IMG_0001.JPG');
    expect(jpeg.paired.map((x) => x.relativePath)).toEqual(['DCIM/IMG_0001.CR2']);
    const raw = groupPairs(card, 'raw');
    expect(names(raw.photos).map(([n]) => n)).toContain('DCIM/IMG_0001.CR2');
    expect(raw.paired.map((x) => x.relativePath)).toEqual(['DCIM/IMG_0001.JPG']);
  });

  it('pairs only within one folder, by base name without case', () => {
    const grouped = groupPairs([f('a/IMG_1.CR2'), f('b/IMG_1.JPG'), f('c/img_2.cr2'), f('c/IMG_2.JPG')]);
    expect(names(grouped.photos)).toEqual([
      ['a/IMG_1.CR2', null, null],
      ['b/IMG_1.JPG', null, null],
      ['c/IMG_2.JPG', 'c/img_2.cr2', null],
    ]);
  });

  it('leaves an ambiguous shot (two JPEGs of one name) file by file', () => {
    const grouped = groupPairs([f('IMG_1.JPG'), f('IMG_1.jpeg'), f('IMG_1.CR2')]);
    expect(grouped.photos).toHaveLength(3);
    expect(grouped.photos.every((p) => !p.companions.raw)).toBe(true);
  });
});
