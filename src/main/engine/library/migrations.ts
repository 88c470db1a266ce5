/**
 * Numbered migrations (steps of 10), applied in one transaction each; the version lives in
 * SQLite's user_version. Never edit a released migration: add the next one.
 */
export interface Migration {
  version: number;
  sql: string;
}

export const MIGRATIONS: Migration[] = [
  {
    version: 10,
    sql: `
      CREATE TABLE files (
        id INTEGER PRIMARY KEY,
        path TEXT NOT NULL UNIQUE,
        root TEXT NOT NULL,
        relative_path TEXT NOT NULL,
        size INTEGER NOT NULL,
        mtime_ms INTEGER NOT NULL,
        sha1 TEXT,
        mime_type TEXT,
        metadatas TEXT,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      );
      CREATE INDEX files_sha1 ON files(sha1);

      CREATE TABLE albums (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        images_count INTEGER NOT NULL DEFAULT 0,
        cover_url TEXT,
        updated_at TEXT,
        synced_at INTEGER NOT NULL
      );
      CREATE INDEX albums_name ON albums(name);

      -- What Cloudinary holds: one asset per content hash (public_id is derived from it).
      CREATE TABLE assets (
        public_id TEXT PRIMARY KEY,
        sha1 TEXT NOT NULL,
        response TEXT NOT NULL,
        created_at INTEGER NOT NULL
      );

      CREATE TABLE jobs (
        id INTEGER PRIMARY KEY,
        file_id INTEGER NOT NULL REFERENCES files(id),
        album_key TEXT NOT NULL,          -- 'id:<album id>' or 'name:<album name>' (album made on demand)
        album_id TEXT,
        album_name TEXT,
        status TEXT NOT NULL,
        error_code TEXT,
        error_message TEXT,
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at INTEGER,
        sha1 TEXT,
        public_id TEXT,
        upload_id TEXT,
        bytes_total INTEGER NOT NULL,
        bytes_confirmed INTEGER NOT NULL DEFAULT 0,
        cloudinary_response TEXT,
        register_attempts INTEGER NOT NULL DEFAULT 0,
        image_id TEXT,
        pending_edit TEXT,
        title TEXT,
        description TEXT,
        bytes_resent INTEGER NOT NULL DEFAULT 0,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        UNIQUE (file_id, album_key)
      );
      CREATE INDEX jobs_status ON jobs(status, next_attempt_at);
      CREATE INDEX jobs_album_sha1 ON jobs(album_key, sha1);

      CREATE TABLE watches (
        id INTEGER PRIMARY KEY,
        path TEXT NOT NULL UNIQUE,
        album_id TEXT,
        album_from_folder INTEGER NOT NULL DEFAULT 0,
        created_at INTEGER NOT NULL
      );

      CREATE TABLE kv (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      );
    `,
  },
  {
    version: 20,
    // Claiming the next job must not sort the whole queue: partial indexes in claim order,
    // one for work waiting to be hashed and one for work ready to upload.
    sql: `
      CREATE INDEX jobs_claim_hash ON jobs(id) WHERE status = 'queued' AND sha1 IS NULL;
      CREATE INDEX jobs_claim_upload ON jobs(id) WHERE status = 'queued' AND sha1 IS NOT NULL;
    `,
  },
  {
    version: 30,
    // Twins are found by content first (few rows share a sha1), then by album: one index on sha1
    // serves both the album_key and the album_id branch. Partial, so enqueueing (sha1 still
    // unknown) pays nothing for them.
    sql: `
      DROP INDEX jobs_album_sha1;
      DROP INDEX files_sha1;
      CREATE INDEX jobs_sha1 ON jobs(sha1) WHERE sha1 IS NOT NULL;
      CREATE INDEX files_sha1 ON files(sha1) WHERE sha1 IS NOT NULL;
    `,
  },
  {
    version: 40,
    // What each album on the backend holds, as last asked (a new library, a second computer or a
    // reinstall must not send again what is there): one row per Cloudinary public_id, and when it was asked.
    sql: `
      CREATE TABLE album_contents (
        album_id TEXT NOT NULL,
        public_id TEXT NOT NULL,
        image_id TEXT NOT NULL,
        PRIMARY KEY (album_id, public_id)
      ) WITHOUT ROWID;
      CREATE TABLE album_syncs (
        album_id TEXT PRIMARY KEY,
        mode TEXT NOT NULL,               -- 'listing': album_contents is the whole album; 'per-photo': ask per photo
        fetched_at INTEGER NOT NULL
      );
    `,
  },
  {
    version: 50,
    // Pairs: the RAW uploaded beside a JPEG, a Live Photo's clip. They go along with their album photo's
    // file (no job of their own) and are named in its metadatas once Cloudinary holds them.
    sql: `
      CREATE TABLE companions (
        file_id INTEGER NOT NULL REFERENCES files(id) ON DELETE CASCADE,
        kind TEXT NOT NULL CHECK (kind IN ('raw', 'motion')),
        path TEXT NOT NULL,
        PRIMARY KEY (file_id, kind)
      );
    `,
  },
  {
    version: 60,
    // Re-exports (--on-change replace): the album photo a changed file's job is to replace, kept from the
    // moment its job is restarted until the replacement is registered.
    sql: `
      CREATE TABLE replacements (
        job_id INTEGER PRIMARY KEY REFERENCES jobs(id) ON DELETE CASCADE,
        image_id TEXT NOT NULL
      );
    `,
  },
  {
    version: 70,
    // A companion sent in chunks resumes as its photo's file does: the upload id, the content it is for
    // (its public_id: changed content starts a new upload) and the bytes Cloudinary confirmed.
    sql: `
      ALTER TABLE companions ADD COLUMN upload_id TEXT;
      ALTER TABLE companions ADD COLUMN upload_public_id TEXT;
      ALTER TABLE companions ADD COLUMN bytes_confirmed INTEGER NOT NULL DEFAULT 0;
    `,
  },
  {
    version: 71,
    // A watched folder keeps its options: the --album-from-folder mode and the rules (filters, --raw-jpeg,
    // --on-change, --no-videos) as JSON, so a restarted watch, `serve` and the app follow them.
    sql: `
      ALTER TABLE watches ADD COLUMN album_mode TEXT;
      ALTER TABLE watches ADD COLUMN rules TEXT;
    `,
  },
  {
    version: 72,
    // The status summary (countByStatus: the status line, `pixdrop status`) visits every job; from this
    // index alone it reads ~20 bytes a job instead of the whole row: 152 -> 54 ms at 100,000 registered
    // photos (bench/workers/season-library.mjs).
    sql: `
      CREATE INDEX jobs_status_bytes ON jobs(status, bytes_total, bytes_confirmed);
    `,
  },
  {
    version: 73,
    // --after-upload: what is to happen to a job's file (and its companions) once its photo is verified in
    // the album, recorded when the file is queued so a kill at any point finishes the action at the next
    // start. `targets`: each file's chosen destination, saved before anything is moved or deleted.
    sql: `
      CREATE TABLE frees (
        job_id INTEGER PRIMARY KEY REFERENCES jobs(id) ON DELETE CASCADE,
        action TEXT NOT NULL CHECK (action IN ('move', 'delete')),
        dest_dir TEXT,
        state TEXT NOT NULL CHECK (state IN ('waiting', 'acting', 'freed', 'kept', 'gone')),
        targets TEXT,
        note TEXT,
        updated_at INTEGER NOT NULL
      );
      CREATE INDEX frees_open ON frees(job_id) WHERE state IN ('waiting', 'acting');
      ALTER TABLE watches ADD COLUMN after_upload TEXT;
    `,
  },
  {
    version: 74,
    // Keywords set in the window (one photo or many at once), kept once sent, as title and description are.
    sql: `ALTER TABLE jobs ADD COLUMN keywords TEXT;`,
  },
  {
    version: 75,
    // A RAW or clip found beside a photo already registered (the JPEGs copied first): the album photo its job
    // links it to, kept until the link is made, so a kill while it is sent resumes and a rescan does not send it again.
    sql: `
      CREATE TABLE late_companions (
        job_id INTEGER PRIMARY KEY REFERENCES jobs(id) ON DELETE CASCADE,
        image_id TEXT NOT NULL
      );
    `,
  },
  {
    version: 76,
    // A companion's size, so that `pixdrop status` and the progress bar count a pair's RAW and a Live Photo's clip
    // as the run's summary does (it counts every byte sent). Rows from before are 0 until their folder is scanned again.
    sql: `ALTER TABLE companions ADD COLUMN size INTEGER NOT NULL DEFAULT 0;`,
  },
];

export const LATEST_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;
