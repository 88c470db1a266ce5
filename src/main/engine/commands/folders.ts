/**
 * listDirectory: the folders below one folder, for the browser host's folder chooser (a browser
 * page cannot hand over paths). Only folder names travel, never file names; hidden folders, OS and
 * NAS housekeeping and, at the root of a disk, the system's own folders are left out.
 */
import { readdir, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { DirectoryListing } from '../../../shared/api';
import { AppError } from '../../../shared/errors';
import { classifyNodeError } from '../queue/retry-policy';

/** Folders nobody keeps photos in, wherever they are (recycle bins, NAS thumbnails, lost+found). */
const HOUSEKEEPING = new Set(['$recycle.bin', 'system volume information', '@eadir', '#recycle', '#snapshot', 'lost+found', 'node_modules', '__macosx']);
/** The operating system's own folders at the root of a disk. */
const SYSTEM_AT_ROOT = new Set([
  'bin',
  'boot',
  'dev',
  'etc',
  'lib',
  'lib32',
  'lib64',
  'libx32',
  'proc',
  'root',
  'run',
  'sbin',
  'snap',
  'sys',
  'usr',
  'var',
  'windows',
  'program files',
  'program files (x86)',
  'programdata',
  'system',
  'library',
  'private',
  'cores',
]);
const MAX_FOLDERS = 2_000;

export function isShownFolder(name: string, atRoot: boolean): boolean {
  const lower = name.toLowerCase();
  if (name.startsWith('.') || name.startsWith('$') || HOUSEKEEPING.has(lower)) return false;
  return !(atRoot && SYSTEM_AT_ROOT.has(lower));
}

export async function listDirectory(dir: string | null): Promise<DirectoryListing> {
  const folder = path.resolve(dir ?? os.homedir());
  const info = await stat(folder).catch((error: unknown) => {
    throw classifyNodeError(error, folder);
  });
  if (!info.isDirectory()) throw new AppError('REJECTED', `${folder} is a file, not a folder. Choose the folder that holds it.`);
  const entries = await readdir(folder, { withFileTypes: true }).catch((error: unknown) => {
    throw classifyNodeError(error, folder);
  });
  const parent = path.dirname(folder);
  const atRoot = parent === folder;
  const folders = entries
    .filter((entry) => entry.isDirectory() && isShownFolder(entry.name, atRoot))
    .map((entry) => entry.name)
    .sort((a, b) => a.localeCompare(b, undefined, { numeric: true, sensitivity: 'base' }))
    .slice(0, MAX_FOLDERS)
    .map((name) => ({ name, path: path.join(folder, name) }));
  return { path: folder, parent: atRoot ? null : parent, home: os.homedir(), folders };
}
