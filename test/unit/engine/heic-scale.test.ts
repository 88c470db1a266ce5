import { describe, expect, it } from 'vitest';
import { fittedSize, isAllDark, shrinkRgba } from '../../../src/main/engine/thumbnails/scale';
import { fileTypeLabel } from '../../../src/renderer/lib/fileType';

describe('thumbnail scaling', () => {
  it('fits the longer side, keeps the shape, never enlarges', () => {
    expect(fittedSize(4032, 3024, 480)).toEqual({ width: 480, height: 360 });
    expect(fittedSize(3024, 4032, 480)).toEqual({ width: 360, height: 480 });
    expect(fittedSize(100, 50, 480)).toEqual({ width: 100, height: 50 });
  });

  it('averages each box of source pixels (a 2×2 checkerboard of black and white becomes one grey)', () => {
    const data = new Uint8Array([0, 0, 0, 255, 255, 255, 255, 255, 255, 255, 255, 255, 0, 0, 0, 255]);
    expect(shrinkRgba({ width: 2, height: 2, data }, 1)).toEqual({ width: 1, height: 1, data: new Uint8Array([127, 127, 127, 255]) });
  });
});

describe('all-dark picture', () => {
  it('is one black but for noise', () => {
    expect(isAllDark({ width: 2, height: 1, data: new Uint8Array([0, 1, 1, 255, 2, 0, 0, 255]) })).toBe(true);
    expect(isAllDark({ width: 2, height: 1, data: new Uint8Array([0, 1, 2, 255, 3, 0, 20, 255]) })).toBe(false);
  });
});

describe('file type label', () => {
  it('is the extension, upper-case', () => {
    expect(fileTypeLabel('IMG_0412.heic')).toBe('HEIC');
    expect(fileTypeLabel('noext')).toBe('');
    expect(fileTypeLabel('.hidden')).toBe('');
  });
});
