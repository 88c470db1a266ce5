/**
 * Albums made from folders (contract §1 `--album-from-folder[=root|leaf|path]`) and how album names are
 * compared: after Unicode NFC normalisation and case folding, so `Crème` typed on a Mac (NFD) and `crème`
 * are one album, and so are `Wedding` and `wedding`. Pure.
 */
import path from 'node:path';

export type AlbumFolderMode = 'root' | 'leaf' | 'path';
export const ALBUM_FOLDER_MODES: readonly AlbumFolderMode[] = ['root', 'leaf', 'path'];

/** The name as it is shown and created: NFC, so one name has one spelling in bytes. */
export function albumDisplayName(name: string): string {
  return name.normalize('NFC').trim();
}

/** The key two names are compared by. */
export function albumMatchKey(name: string): string {
  return albumDisplayName(name).toLowerCase().normalize('NFC');
}

/**
 * The album of a found file. root: the folder given on the command line (subfolders included); leaf: the
 * folder that holds the file; path: the folder's path below the given one, parts joined with " / " (files
 * directly in the given folder go to the album named after it).
 */
export function albumNameForFolder(filePath: string, root: string, mode: AlbumFolderMode = 'root'): string {
  const rootName = path.basename(root) || 'PixDrop';
  const folder = path.dirname(filePath);
  const below = path.relative(root, folder);
  const inside = below !== '' && !below.startsWith('..') && !path.isAbsolute(below);
  let name = rootName;
  if (mode === 'leaf') name = path.basename(folder) || rootName;
  else if (mode === 'path' && inside) name = below.split(path.sep).join(' / ');
  return albumDisplayName(name);
}
