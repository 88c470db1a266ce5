/**
 * The local album backend's storage: one SQLite file (WAL) that survives a restart.
 * Images are looked up per (album, Cloudinary public_id): create-or-update by it is what makes
 * webhook + POST converge on one record (context.ts). The schema does not enforce it, so the
 * backend can also play one that keeps duplicates. The record is kept as JSON; the columns are
 * what we query by.
 */
import Database from 'better-sqlite3';
import { isDeepStrictEqual } from 'node:util';
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
  // Uniqueness by public_id moves from the schema to the routes (a switch can turn it off).
  `CREATE TABLE images_v2 (
     seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE,
     album_id TEXT NOT NULL REFERENCES albums (id), cld_public_id TEXT NOT NULL,
     created_at TEXT NOT NULL, updated_at TEXT NOT NULL, record TEXT NOT NULL);
   INSERT INTO images_v2 SELECT seq, id, album_id, cld_public_id, created_at, updated_at, record FROM images;
   DROP TABLE images;
   ALTER TABLE images_v2 RENAME TO images;
   CREATE INDEX images_album_cld ON images (album_id, cld_public_id);
   CREATE INDEX images_album_newest ON images (album_id, created_at DESC, seq DESC);`,
  // A ?public_id= question must not walk the whole album in listing order: one index serves filter and order.
  `DROP INDEX images_album_cld;
   CREATE INDEX images_album_cld_newest ON images (album_id, cld_public_id, created_at DESC, seq DESC);`,
];

export interface ImagePage {
  limit: number;
  offset: number;
}

export interface BackendStore {
  getAlbum(id: string): AlbumRow | null;
  findAlbumByName(ownerUserId: string, name: string): AlbumRow | null;
  insertAlbum(row: AlbumRow): void;
  /** Albums owned by the user or listed by id, with their image count and newest image's thumbnail. */
  listAlbums(ownerUserId: string, extraIds: string[]): AlbumSummary[];
  albumSummary(id: string): AlbumSummary | null;
  /** The oldest record of this Cloudinary public_id in the album. */
  findImage(albumId: string, cldPublicId: string): ImageRecord | null;
  getImage(id: string): ImageRecord | null;
  /** Insert or replace by record id; also bumps the album's updated_at. */
  saveImage(record: ImageRecord, cldPublicId: string): void;
  deleteImage(id: string): boolean;
  /** Newest first; `page` limits it to one page of that many records. */
  listImages(albumId?: string, cldPublicId?: string, page?: ImagePage): ImageRecord[];
  countImages(albumId?: string, cldPublicId?: string): number;
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

/**
 * A record's `exifs` is always its `infos.image_metadata` (image-record.ts builds it so), a few KB per photo: stored
 * once, as this mark in its place, and put back on reading. Records stored whole before this still read as they are.
 */
const EXIFS_ARE_IMAGE_METADATA = 1;

function serialise(record: ImageRecord): string {
  const { exifs } = record;
  const same = exifs != null && (exifs === record.infos.image_metadata || isDeepStrictEqual(exifs, record.infos.image_metadata));
  return JSON.stringify(same ? { ...record, exifs: EXIFS_ARE_IMAGE_METADATA } : record);
}

const parse = (row: { record: string } | undefined): ImageRecord | null => {
  if (!row) return null;
  const record = JSON.parse(row.record) as ImageRecord;
  if (record.exifs === EXIFS_ARE_IMAGE_METADATA) record.exifs = record.infos.image_metadata;
  return record;
};

/** The statement for each combination of the optional album and public_id filters, compiled once. */
function filtered(db: Database.Database, sql: (where: string) => string) {
  const cache = new Map<string, Database.Statement>();
  return (album: string | undefined, cld: string | undefined): Database.Statement => {
    const key = `${album !== undefined}${cld !== undefined}`;
    let statement = cache.get(key);
    if (!statement) {
      const terms = [album !== undefined ? 'album_id = @album' : null, cld !== undefined ? 'cld_public_id = @cld' : null].filter(Boolean);
      statement = db.prepare(sql(terms.length > 0 ? `WHERE ${terms.join(' AND ')}` : ''));
      cache.set(key, statement);
    }
    return statement;
  };
}

export function openBackendStore(dbPath: string): BackendStore {
  const db = new Database(dbPath);
  db.pragma('journal_mode = WAL');
  // As the local Cloudinary's index: a commit is not flushed to the disk on its own (the WAL is, at each
  // checkpoint), and a crash still leaves a consistent database. FULL made every saved image wait for an fsync.
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
  migrate(db);
  const st = {
    album: db.prepare('SELECT * FROM albums WHERE id = ?'),
    albumByName: db.prepare('SELECT * FROM albums WHERE owner_user_id = ? AND name = ? ORDER BY created_at LIMIT 1'),
    insertAlbum: db.prepare(
      'INSERT INTO albums (id, name, owner_user_id, created_at, updated_at) VALUES (@id, @name, @owner_user_id, @created_at, @updated_at)',
    ),
    touchAlbum: db.prepare('UPDATE albums SET updated_at = MAX(updated_at, ?) WHERE id = ?'),
    image: db.prepare('SELECT record FROM images WHERE id = ?'),
    imageByCld: db.prepare('SELECT record FROM images WHERE album_id = ? AND cld_public_id = ? ORDER BY seq LIMIT 1'),
    upsertImage: db.prepare(
      `INSERT INTO images (id, album_id, cld_public_id, created_at, updated_at, record)
       VALUES (@id, @album_id, @cld, @created_at, @updated_at, @record)
       ON CONFLICT (id) DO UPDATE SET cld_public_id = excluded.cld_public_id, updated_at = excluded.updated_at, record = excluded.record`,
    ),
    deleteImage: db.prepare('DELETE FROM images WHERE id = ?'),
    // One statement per filter combination: "(@x IS NULL OR col = @x)" would keep SQLite from using the indexes.
    images: filtered(db, (where) => `SELECT record FROM images ${where} ORDER BY created_at DESC, seq DESC LIMIT @limit OFFSET @offset`),
    countImages: filtered(db, (where) => `SELECT COUNT(*) AS n FROM images ${where}`),
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
      st.upsertImage.run({
        id: record.id,
        album_id: record.album_id,
        cld,
        created_at: String(record.created_at),
        updated_at: updatedAt,
        record: serialise(record),
      });
      st.touchAlbum.run(updatedAt, record.album_id);
    },
    deleteImage: (id) => st.deleteImage.run(id).changes > 0,
    listImages: (albumId, cld, page) =>
      (st.images(albumId, cld).all({ album: albumId, cld, limit: page?.limit ?? -1, offset: page?.offset ?? 0 }) as { record: string }[]).map((row) =>
        parse(row)!,
      ),
    countImages: (albumId, cld) => (st.countImages(albumId, cld).get({ album: albumId, cld }) as { n: number }).n,
    transaction: (fn) => db.transaction(fn)(),
    close: () => db.close(),
  };
}
