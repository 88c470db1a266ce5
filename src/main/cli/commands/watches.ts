/** `pixdrop watches` and `pixdrop unwatch <path>`: the watch list kept in the library. */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { libraryPath, openLibrary, type Db } from '../../engine/library/db';
import { listWatchRows, removeWatchRow, type WatchRow } from '../../engine/library/watches';
import { EXIT_OK, UsageError } from '../exit';
import { loadConfig } from '../setup';

const targetText = (row: WatchRow) => ('albumId' in row.target ? `album ${row.target.albumId}` : 'album from folder');
const afterText = (row: WatchRow) =>
  row.afterUpload.action === 'keep' ? '' : `\tthen ${row.afterUpload.action === 'move' ? `moved to ${row.afterUpload.dir}` : 'deleted'}`;

function withLibrary<T>(dataDir: string, readonly: boolean, use: (db: Db | null) => T): T {
  const db = existsSync(libraryPath(dataDir)) ? openLibrary(dataDir, { readonly }) : null;
  try {
    return use(db);
  } finally {
    db?.close();
  }
}

/** Reads the library only (WAL lets it read beside a running engine): no network, no lock. */
export function runWatches(o: { json?: boolean }): number {
  const config = loadConfig();
  const rows = withLibrary(config.dataDir, true, (db) => (db ? listWatchRows(db) : []));
  if (o.json) {
    const list = rows.map((r) => ({
      id: r.id,
      path: r.path,
      ...('albumId' in r.target ? { album_id: r.target.albumId } : { album_from_folder: true }),
      ...(r.afterUpload.action === 'keep' ? {} : { after_upload: r.afterUpload }),
    }));
    process.stdout.write(`${JSON.stringify(list)}\n`);
  } else if (rows.length === 0) {
    process.stdout.write('No watched folders. `pixdrop watch <folder> --album-from-folder` adds one.\n');
  } else {
    rows.forEach((r) => process.stdout.write(`${r.path}\t${targetText(r)}${afterText(r)}\n`));
  }
  return EXIT_OK;
}

/** The row for a path as typed: resolved against the current folder, a trailing slash ignored. */
function findRow(rows: WatchRow[], typed: string): WatchRow | undefined {
  const wanted = path.resolve(typed);
  return rows.find((r) => r.path === wanted) ?? rows.find((r) => path.resolve(r.path) === wanted);
}

export function runUnwatch(folder: string): number {
  if (!folder) throw new UsageError('say which folder to stop watching: `pixdrop unwatch <path>` (see `pixdrop watches`).');
  const config = loadConfig();
  return withLibrary(config.dataDir, false, (db) => {
    const rows = db ? listWatchRows(db) : [];
    const row = findRow(rows, folder);
    if (!db || !row) {
      const known = rows.length > 0 ? `watched: ${rows.map((r) => r.path).join(', ')}` : 'no folder is watched';
      throw new UsageError(`"${folder}" is not a watched folder, so nothing changed (${known}; see \`pixdrop watches\`).`);
    }
    removeWatchRow(db, row.id);
    process.stdout.write(
      `stopped watching ${row.path} (photos already queued or uploaded stay as they are; a PixDrop running now stops watching it within a few seconds)\n`,
    );
    return EXIT_OK;
  });
}
