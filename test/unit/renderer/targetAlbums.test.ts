/** The add dialog's promise: which album each added path goes to, as the engine will decide it. */
import { describe, expect, it } from 'vitest';
import { albumNameForPath, targetAlbums } from '../../../src/renderer/lib/targetAlbums';
import type { AlbumView } from '../../../src/shared/api';

const album = (id: string, name: string, images_count = 0): AlbumView => ({ id, name, images_count, cover_url: null, updated_at: '2026-01-01T00:00:00Z' });

describe('targetAlbums', () => {
  it('with one album per folder, names each album after its folder and says which exist already', () => {
    expect(targetAlbums(['/photos/Trip', '/photos/Wedding/'], { albumFromFolder: true }, [album('7', 'Wedding', 12)])).toEqual([
      { path: '/photos/Trip', albumName: 'Trip', existing: null },
      { path: '/photos/Wedding/', albumName: 'Wedding', existing: album('7', 'Wedding', 12) },
    ]);
  });

  it('sends a photo given directly to the album of its folder', () => {
    expect(albumNameForPath('/card/DCIM/100CANON/IMG_0001.CR3')).toBe('100CANON');
    expect(albumNameForPath('C:\\Users\\ana\\Pictures\\Rome\\IMG_1.jpg')).toBe('Rome');
  });

  it('with one chosen album, sends everything there', () => {
    const rows = targetAlbums(['/a/Trip', '/b/x.jpg'], { albumId: '3' }, [album('3', 'Portfolio', 40)]);
    expect(rows.map((row) => [row.albumName, row.existing?.id])).toEqual([
      ['Portfolio', '3'],
      ['Portfolio', '3'],
    ]);
  });
});
