import { describe, expect, it } from 'vitest';
import { albumMatchKey, albumNameForFolder } from '../../../src/main/engine/discover/album-names';

describe('albums from folders', () => {
  const root = '/cards/Wedding';
  it.each([
    ['root', '/cards/Wedding/Ceremony/Rings/a.jpg', 'Wedding'],
    ['root', '/cards/Wedding/a.jpg', 'Wedding'],
    ['leaf', '/cards/Wedding/Ceremony/Rings/a.jpg', 'Rings'],
    ['leaf', '/cards/Wedding/a.jpg', 'Wedding'],
    ['path', '/cards/Wedding/Ceremony/Rings/a.jpg', 'Ceremony / Rings'],
    ['path', '/cards/Wedding/Reception/a.jpg', 'Reception'],
    ['path', '/cards/Wedding/a.jpg', 'Wedding'],
  ] as const)('%s: %s → %s', (mode, file, album) => {
    expect(albumNameForFolder(file, root, mode)).toBe(album);
  });

  it('names an album in NFC, and compares names after NFC and without case', () => {
    const nfd = 'Cre\u0300me';
    expect(albumNameForFolder(`/x/${nfd}/a.jpg`, `/x/${nfd}`)).toBe('Crème');
    expect(albumMatchKey(nfd)).toBe(albumMatchKey('crème'));
    expect(albumMatchKey('Wedding')).toBe(albumMatchKey('wEDDING'));
    expect(albumMatchKey('Wedding')).not.toBe(albumMatchKey('Weddings'));
  });
});
