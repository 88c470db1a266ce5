import { describe, expect, it } from 'vitest';
import { checkDate, compileRules } from '../../../src/main/engine/discover/filters';
import { ignoredNameReason } from '../../../src/main/engine/metadata/media-types';

describe('scan rules', () => {
  it('keeps everything without rules', () => {
    const rules = compileRules();
    expect(rules.keepsPath('a/b/IMG_1.JPG')).toBe(true);
    expect(rules.keepsPath('clip.mov')).toBe(true);
    expect(rules.needsDates).toBe(false);
  });

  it('matches globs against the path below the folder, without case, a slash-less glob on the name in any folder', () => {
    const rules = compileRules({ include: ['*.jpg'], exclude: ['rejects/**'] });
    expect(rules.keepsPath('day1/IMG_1.JPG')).toBe(true);
    expect(rules.keepsPath('IMG_2.jpg')).toBe(true);
    expect(rules.keepsPath('day1/IMG_1.CR2')).toBe(false);
    expect(rules.keepsPath('rejects/IMG_3.jpg')).toBe(false);
  });

  it('repeated globs add up: any include keeps, any exclude leaves', () => {
    const rules = compileRules({ include: ['*.jpg', '*.heic'], exclude: ['*_tmp*', 'b/**'] });
    expect(rules.keepsPath('a/x.HEIC')).toBe(true);
    expect(rules.keepsPath('a/x_tmp.jpg')).toBe(false);
    expect(rules.keepsPath('b/x.jpg')).toBe(false);
  });

  it('--no-videos leaves videos only', () => {
    const rules = compileRules({ videos: false });
    expect(rules.keepsPath('a/clip.MOV')).toBe(false);
    expect(rules.keepsPath('a/clip.mts')).toBe(false);
    expect(rules.keepsPath('a/IMG_1.JPG')).toBe(true);
  });

  it('a taken-date range is inclusive and compares the camera clock, whatever the offset', () => {
    const rules = compileRules({ takenFrom: '2019-07-24', takenTo: '2019-07-31' });
    expect(rules.needsDates).toBe(true);
    expect(rules.keepsDate('2019-07-24T00:00:00', 0)).toBe(true);
    expect(rules.keepsDate('2019-07-31T23:59:59+03:00', 0)).toBe(true);
    expect(rules.keepsDate('2019-07-23T23:59:59Z', 0)).toBe(false);
    expect(rules.keepsDate('2019-08-01T00:00:00', 0)).toBe(false);
    const byTime = compileRules({ takenFrom: '2019-07-24T11:00' });
    expect(byTime.keepsDate('2019-07-24T11:25:40+03:00', 0)).toBe(true);
    expect(byTime.keepsDate('2019-07-24T10:59:59', 0)).toBe(false);
  });

  it('refuses a date that is not one, naming the option and the form', () => {
    expect(() => checkDate('24/07/2019', '--from')).toThrow('--from "24/07/2019" is not a date: give YYYY-MM-DD');
    expect(checkDate('2019-07-24', '--from')).toBe('2019-07-24');
  });

  it('names why junk and sidecars are left', () => {
    expect(ignoredNameReason('IMG_1.xmp')).toBe('sidecar');
    expect(ignoredNameReason('.DS_Store')).toBe('junk');
    expect(ignoredNameReason('._IMG_1.JPG')).toBe('junk');
    expect(ignoredNameReason('Thumbs.db')).toBe('junk');
    expect(ignoredNameReason('@eaDir')).toBe('junk');
    expect(ignoredNameReason('IMG_1.JPG')).toBeNull();
  });
});
