/** `pixdrop watches` and `pixdrop unwatch <path>`: the watch list kept in the library. */
import { existsSync } from 'node:fs';
import type { FolderRules } from '../../../shared/api';
import path from 'node:path';
import { libraryPath, openLibrary, type Db } from '../../engine/library/db';
import { listWatchRows, removeWatchRow, type WatchRow } from '../../engine/library/watches';
import { EXIT_OK, UsageError } from '../exit';
import { loadConfig } from '../setup';

const targetText = (row: WatchRow) =>
  'albumId' in row.target ? `album ${row.target.albumId}` : `album from folder${row.target.mode ? ` (${row.target.mode})` : ''}`;

/** The options that differ from the defaults, as they would be typed on `pixdrop watch`. */
function optionArgs(rules: FolderRules): string[] {
  return [
    ...(rules.include ?? []).map((g) => `--include ${g}`),
    ...(rules.exclude ?? []).map((g) => `--exclude ${g}`),
    rules.takenFrom ? `--from ${rules.takenFrom}` : '',
    rules.takenTo ? `--to ${rules.takenTo}` : '',
    rules.videos === false ? '--no-videos' : '',
    rules.rawJpeg && rules.rawJpeg !== 'pair' ? `--raw-jpeg ${rules.rawJpeg}` : '',
    rules.onChange && rules.onChange !== 'replace' ? `--on-change ${rules.onChange}` : '',
  ].filter(Boolean);
}

/** --json: the options a watch keeps, only where they differ from the defaults (an old watch lists as before). */
function optionsJson(rules: FolderRules): Record<string, unknown> {
  const o: Record<string, unknown> = {};
  if (rules.include?.length) o.include = rules.include;
  if (rules.exclude?.length) o.exclude = rules.exclude;
  if (rules.takenFrom) o.from = rules.takenFrom;
  if (rules.takenTo) o.to = rules.takenTo;
  if (rules.videos === false) o.videos = false;
  if (rules.rawJpeg && rules.rawJpeg !== 'pair') o.raw_jpeg = rules.rawJpeg;
  if (rules.onChange && rules.onChange !== 'replace') o.on_change = rules.onChange;
  return Object.keys(o).length > 0 ? { options: o } : {};
}

function watchJson(r: WatchRow): Record<string, unknown> {
  const target = 'albumId' in r.target ? { album_id: r.target.albumId } : { album_from_folder: true, ...(r.target.mode ? { album_mode: r.target.mode } : {}) };
  return { id: r.id, path: r.path, ...target, ...optionsJson(r.rules) };
}

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
    process.stdout.write(`${JSON.stringify(rows.map(watchJson))}\n`);
  } else if (rows.length === 0) {
    process.stdout.write('No watched folders. `pixdrop watch <folder> --album-from-folder` adds one.\n');
  } else {
    rows.forEach((r) => process.stdout.write(`${[r.path, targetText(r), optionArgs(r.rules).join(' ')].filter(Boolean).join('\t')}\n`));
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
