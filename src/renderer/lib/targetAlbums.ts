/**
 * Which album each added path goes to, as the engine will decide it: the chosen album, or with
 * "One album per folder" an album named after the folder (a photo given directly: its folder's),
 * existing or to be created. Pure.
 */
import type { AlbumView, UploadTarget } from '../../shared/api';

export interface TargetAlbum {
  path: string;
  albumName: string;
  existing: AlbumView | null;
}

const PHOTO_FILE = /\.(jpe?g|heic|heif|hif|png|tiff?|webp|avif|dng|cr2|cr3|nef|arw|rw2|raf|orf)$/i;

function lastSegment(p: string): string {
  const parts = p.split(/[\\/]+/).filter(Boolean);
  return parts[parts.length - 1] ?? '';
}

export function albumNameForPath(p: string): string {
  const parts = p.split(/[\\/]+/).filter(Boolean);
  const name = PHOTO_FILE.test(p) ? parts[parts.length - 2] : parts[parts.length - 1];
  return name || 'PixDrop';
}

export function targetAlbums(paths: string[], target: UploadTarget, albums: AlbumView[]): TargetAlbum[] {
  if ('albumId' in target) {
    const album = albums.find((candidate) => candidate.id === target.albumId) ?? null;
    return paths.map((p) => ({ path: p, albumName: album?.name ?? lastSegment(p), existing: album }));
  }
  return paths.map((p) => {
    const albumName = albumNameForPath(p);
    return { path: p, albumName, existing: albums.find((album) => album.name === albumName) ?? null };
  });
}
