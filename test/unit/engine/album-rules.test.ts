import { describe, expect, it } from 'vitest';
import { compareImageIds, recordsOfCloudinaryId } from '../../../src/main/engine/backend/register';
import type { ImageRecord } from '../../../src/main/engine/backend/client';
import { chooseMode, isFresh, PAGE_COST } from '../../../src/main/engine/pipeline/album-contents';
import { networkFsOf } from '../../../src/main/engine/discover/mount-kind';

const record = (id: string, publicId: string) => ({ id, infos: { public_id: publicId } }) as unknown as ImageRecord;

describe('which of two records of one photo survives', () => {
  it('is the smaller id: numerically for whole numbers, by characters otherwise', () => {
    expect(compareImageIds('9', '10')).toBeLessThan(0);
    expect(compareImageIds('12345678901234567890', '12345678901234567891')).toBeLessThan(0);
    expect(compareImageIds('afeb0ef9-fe32', '0b1c-77')).toBeGreaterThan(0);
    expect(compareImageIds('7', '7')).toBe(0);
    const records = [record('30', 'pixdrop/a'), record('4', 'pixdrop/b'), record('11', 'pixdrop/a')];
    expect(recordsOfCloudinaryId(records, 'pixdrop/a').map((r) => r.id)).toEqual(['11', '30']);
  });
});

describe('asking an album', () => {
  it('uses what the library knows only when asked since this start and within the age limit', () => {
    const o = { startedAt: 1000, now: 5000, maxAgeMs: 3000 };
    expect(isFresh(null, o)).toBe(false);
    expect(isFresh({ mode: 'listing', fetchedAt: 999 }, o)).toBe(false); // an earlier run
    expect(isFresh({ mode: 'listing', fetchedAt: 2001 }, o)).toBe(true);
    expect(isFresh({ mode: 'listing', fetchedAt: 2000 }, o)).toBe(false); // too old
  });

  it('pages through the listing unless the pages left cost more than asking for each photo to send', () => {
    expect(chooseMode({ total: 5000, perPage: 1000, photosToSend: 5000 })).toBe('listing');
    expect(chooseMode({ total: 800, perPage: 1000, photosToSend: 1 })).toBe('listing'); // one page is all
    expect(chooseMode({ total: 1_000_000, perPage: 1000, photosToSend: 10 })).toBe('per-photo');
    expect(chooseMode({ total: 3000, perPage: 1000, photosToSend: 2 * PAGE_COST })).toBe('listing');
    expect(chooseMode({ total: 3000, perPage: 1000, photosToSend: 2 * PAGE_COST - 1 })).toBe('per-photo');
  });
});

describe('network and FUSE mounts', () => {
  it('are told from local file systems by their statfs type', () => {
    expect(networkFsOf(0x6969)).toBe('NFS');
    expect(networkFsOf(0xff534d42)).toBe('SMB/CIFS');
    expect(networkFsOf(0xfe534d42)).toBe('SMB2');
    expect(networkFsOf(0x65735546)).toBe('FUSE');
    expect(networkFsOf(-11317950)).toBe('SMB/CIFS'); // the same magic read as a signed 32-bit number
    expect(networkFsOf(0xef53)).toBeNull(); // ext4
    expect(networkFsOf(0x01021994)).toBeNull(); // tmpfs
  });
});
