/**
 * The local album backend's storage: one SQLite file (WAL) that survives a restart.
 * Images are unique per (album, Cloudinary public_id): that is what makes webhook + POST
 * converge on one record. The record itself is kept as JSON; the columns are what we query by.
 */
import Database from 'better-sqlite3';
import type { ImageRecord } from './image-record';

export interface AlbumRow {
  id: string;
  name: string;
  owner_user_id: string | null;
  created_at: string;
  updated_at: string;
}

export interface AlbumSummary extends AlbumRow {
  images_count: number;
  cover_url: string | null;
}

const MIGRATIONS: string[] = [
  `CREATE TABLE albums (
     id TEXT PRIMARY KEY, name TEXT NOT NULL, owner_user_id TEXT,
     created_at TEXT NOT NULL, updated_at TEXT NOT NULL);
   CREATE INDEX albums_owner_name ON albums (owner_user_id, name);
   CREATE TABLE images (
     seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE,
     album_id TEXT NOT NULL REFERENCES albums (id), cld_public_id TEXT NOT NULL,
     created_at TEXT NOT NULL, updated_at TEXT NOT NULL, record TEXT NOT NULL,
     UNIQUE (album_id, cld_public_id));`,
];

export interface BackendStore {
  getAlbum(id: string): AlbumRow | null;
  findAlbumByName(ownerUserId: string, name: string): AlbumRow | null;
  insertAlbum(row: AlbumRow): void;
  /** Albums owned by the user or listed by id, with their image count and newest image's thumbnail. */
  listAlbums(ownerUserId: string, extraIds: string[]): AlbumSummary[];
  albumSummary(id: string): AlbumSummary | null;
  findImage(albumId: string, cldPublicId: string): ImageRecord | null;
  getImage(id: string): ImageRecord | null;
  /** Insert or replace by (album, Cloudinary public_id); also bumps the album's updated_at. */
  saveImage(record: ImageRecord, cldPublicId: string): void;
  listImages(albumId?: string, cldPublicId?: string): ImageRecord[];
  /** Runs fn in one transaction (read-then-write without a race). */
  transaction<T>(fn: () => T): T;
  close(): void;
}

function migrate(db: Database.Database): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > MIGRATIONS.length) throw new Error(`album backend database is from a newer version (${version})`);
  db.transaction(() => {
    for (let step = version; step < MIGRATIONS.length; step += 1) db.exec(MIGRATIONS[step]);
    db.pragma(`user_version = ${MIGRATIONS.length}`);
  })();
}

const SUMMARY = `SELECT a.*, (SELECT COUNT(*) FROM images i WHERE i.album_id = a.id) AS images_count,
    (SELECT json_extract(i.record, '$.thumbnails.large') FROM images i WHERE i.album_id = a.id
      ORDER BY i.created_at DESC, i.seq DESC LIMIT 1) AS cover_url
  FROM albums a`;

const parse = (row: { record: string } | undefined): ImageRecord | null => (row ? (JSON.parse(row.record) as ImageRecord) : null);

export function openBackendStore(dbPath: string): BackendStore {
  const db = new Database(dbPath);
  db.pragma('journal_mode = WAL');
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
  migrate(db);
  const st = {
    album: db.prepare('SELECT * FROM albums WHERE id = ?'),
    albumByName: db.prepare('SELECT * FROM albums WHERE owner_user_id = ? AND name = ? ORDER BY created_at LIMIT 1'),
    insertAlbum: db.prepare('INSERT INTO albums (id, name, owner_user_id, created_at, updated_at) VALUES (@id, @name, @owner_user_id, @created_at, @updated_at)'),
    touchAlbum: db.prepare('UPDATE albums SET updated_at = MAX(updated_at, ?) WHERE id = ?'),
    image: db.prepare('SELECT record FROM images WHERE id = ?'),
    imageByCld: db.prepare('SELECT record FROM images WHERE album_id = ? AND cld_public_id = ?'),
    // The second conflict: a photo replaced in place (PATCH cloudinary[...]) keeps its id under a new Cloudinary public_id.
    upsertImage: db.prepare(
      `INSERT INTO images (id, album_id, cld_public_id, created_at, updated_at, record)
       VALUES (@id, @album_id, @cld, @created_at, @updated_at, @record)
       ON CONFLICT (album_id, cld_public_id) DO UPDATE SET updated_at = excluded.updated_at, record = excluded.record
       ON CONFLICT (id) DO UPDATE SET cld_public_id = excluded.cld_public_id, updated_at = excluded.updated_at, record = excluded.record`,
    ),
    images: db.prepare(
      `SELECT record FROM images WHERE (@album IS NULL OR album_id = @album) AND (@cld IS NULL OR cld_public_id = @cld)
       ORDER BY created_at DESC, seq DESC`,
    ),
    summaries: db.prepare(
      `${SUMMARY} WHERE a.owner_user_id = @owner OR a.id IN (SELECT value FROM json_each(@ids))
       ORDER BY a.updated_at DESC, a.name`,
    ),
    summary: db.prepare(`${SUMMARY} WHERE a.id = ?`),
  };
  return {
    getAlbum: (id) => (st.album.get(id) as AlbumRow | undefined) ?? null,
    findAlbumByName: (owner, name) => (st.albumByName.get(owner, name) as AlbumRow | undefined) ?? null,
    insertAlbum: (row) => void st.insertAlbum.run(row),
    listAlbums: (owner, extraIds) => st.summaries.all({ owner, ids: JSON.stringify(extraIds) }) as AlbumSummary[],
    albumSummary: (id) => (st.summary.get(id) as AlbumSummary | undefined) ?? null,
    findImage: (albumId, cld) => parse(st.imageByCld.get(albumId, cld) as { record: string } | undefined),
    getImage: (id) => parse(st.image.get(id) as { record: string } | undefined),
    saveImage(record, cld) {
      const updatedAt = String(record.updated_at);
      st.upsertImage.run({ id: record.id, album_id: record.album_id, cld, created_at: String(record.created_at), updated_at: updatedAt, record: JSON.stringify(record) });
      st.touchAlbum.run(updatedAt, record.album_id);
    },
    listImages: (albumId, cld) => (st.images.all({ album: albumId ?? null, cld: cld ?? null }) as { record: string }[]).map((row) => parse(row)!),
    transaction: (fn) => db.transaction(fn)(),
    close: () => db.close(),
  };
}
