/** SQL for `albums` (a cache of the backend's list, for offline display and name → id) and `kv`. */
import type { AlbumView } from '../../../shared/api';
import { albumMatchKey } from '../discover/album-names';
import type { Db } from './db';

export function cacheAlbums(db: Db, albums: AlbumView[], now: number): void {
  const put = db.prepare(
    `INSERT INTO albums (id, name, images_count, cover_url, updated_at, synced_at) VALUES (@id, @name, @images_count, @cover_url, @updated_at, @now)
     ON CONFLICT(id) DO UPDATE SET name = excluded.name, images_count = excluded.images_count, cover_url = excluded.cover_url,
       updated_at = excluded.updated_at, synced_at = excluded.synced_at`,
  );
  db.transaction(() => albums.forEach((a) => put.run({ ...a, now })))();
}

export function cachedAlbums(db: Db): AlbumView[] {
  return db.prepare('SELECT id, name, images_count, cover_url, updated_at FROM albums ORDER BY name').all() as AlbumView[];
}

/** Names compare after NFC and case folding (contract §1); SQLite can do neither, the list is small. */
export function albumIdByName(db: Db, name: string): string | null {
  const key = albumMatchKey(name);
  const rows = db.prepare('SELECT id, name FROM albums ORDER BY rowid').all() as { id: string; name: string }[];
  return rows.find((row) => albumMatchKey(row.name) === key)?.id ?? null;
}

export function getKv(db: Db, key: string): string | null {
  const row = db.prepare('SELECT value FROM kv WHERE key = ?').get(key) as { value: string } | undefined;
  return row?.value ?? null;
}

export function setKv(db: Db, key: string, value: string): void {
  db.prepare('INSERT INTO kv (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value);
}
