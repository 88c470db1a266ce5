/**
 * On-disk state of the local Cloudinary: stored assets, partial chunked uploads, and their index
 * in SQLite (index.sqlite) so a restart on the same folder finds everything again. One row is
 * written per change: the index.json this replaces was rewritten whole on every upload, which
 * made each upload slower than the last (a demo library of thousands of photos crawled).
 */
import Database from 'better-sqlite3';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';

export interface AssetRecord {
  public_id: string;
  asset_id: string;
  version: number;
  version_id: string;
  bytes: number;
  format: string;
  width: number | null;
  height: number | null;
  etag: string;
  tags: string[];
  type: string;
  resource_type: string;
  created_at: string;
  original_filename: string;
  /** How many uploads wrote this public_id. */
  writes: number;
  /** File name inside the assets folder. */
  file: string;
  /** The full upload response, answered again for overwrite=false duplicates. */
  response: Record<string, unknown>;
}

interface PartialRecord {
  received: number;
  updatedAt: number;
}

interface IndexFile {
  assets: Record<string, AssetRecord>;
  partials: Record<string, PartialRecord>;
}

const digest = (text: string) => createHash('sha1').update(text).digest('hex');

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS assets (public_id TEXT PRIMARY KEY, record TEXT NOT NULL);
  CREATE TABLE IF NOT EXISTS partials (upload_id TEXT PRIMARY KEY, received INTEGER NOT NULL, updated_at INTEGER NOT NULL);
`;

/** The store's statements, compiled once: every upload runs several of them. */
function statements(db: Database.Database) {
  return {
    putAsset: db.prepare('INSERT OR REPLACE INTO assets (public_id, record) VALUES (?, ?)'),
    findAsset: db.prepare('SELECT record FROM assets WHERE public_id = ?'),
    listAssets: db.prepare('SELECT record FROM assets ORDER BY rowid'),
    partialReceived: db.prepare('SELECT received FROM partials WHERE upload_id = ?'),
    putPartial: db.prepare('INSERT OR REPLACE INTO partials (upload_id, received, updated_at) VALUES (?, ?, ?)'),
    dropPartial: db.prepare('DELETE FROM partials WHERE upload_id = ?'),
  };
}

export class CloudinaryStore {
  private readonly db: Database.Database;
  private readonly sql: ReturnType<typeof statements>;
  private readonly assetsDir: string;
  private readonly partialsDir: string;
  private readonly incomingDir: string;

  constructor(private readonly root: string) {
    this.assetsDir = path.join(root, 'assets');
    this.partialsDir = path.join(root, 'partials');
    this.incomingDir = path.join(root, 'incoming');
    for (const dir of [this.assetsDir, this.partialsDir, this.incomingDir]) mkdirSync(dir, { recursive: true });
    // Leftovers of uploads cut off by a previous crash are worthless.
    rmSync(this.incomingDir, { recursive: true, force: true });
    mkdirSync(this.incomingDir, { recursive: true });
    this.db = new Database(path.join(root, 'index.sqlite'));
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.exec(SCHEMA);
    this.sql = statements(this.db);
    this.importIndexJson();
  }

  /** Storage written by earlier versions (index.json) is taken over once, then kept aside. */
  private importIndexJson(): void {
    const legacy = path.join(this.root, 'index.json');
    if (!existsSync(legacy)) return;
    let parsed: Partial<IndexFile> = {};
    try {
      parsed = JSON.parse(readFileSync(legacy, 'utf8')) as Partial<IndexFile>;
    } catch {
      // unreadable: nothing to take over
    }
    this.db.transaction(() => {
      for (const record of Object.values(parsed.assets ?? {})) this.putAsset(record);
      for (const [id, p] of Object.entries(parsed.partials ?? {})) this.recordPartial(id, p.received, p.updatedAt);
    })();
    renameSync(legacy, `${legacy}.imported`);
  }

  private putAsset(record: AssetRecord): void {
    this.sql.putAsset.run(record.public_id, JSON.stringify(record));
  }

  /** A fresh path for a plain upload's bytes before they become an asset. */
  incomingPath(): string {
    return path.join(this.incomingDir, `${randomBytes(8).toString('hex')}.upload`);
  }

  /** Upload ids come from clients: never use them as file names directly. */
  partialPath(uploadId: string): string {
    return path.join(this.partialsDir, `${digest(uploadId)}.part`);
  }

  partialReceived(uploadId: string): number {
    const row = this.sql.partialReceived.get(uploadId) as { received: number } | undefined;
    return row?.received ?? 0;
  }

  hasPartial(uploadId: string): boolean {
    return this.sql.partialReceived.get(uploadId) !== undefined;
  }

  recordPartial(uploadId: string, received: number, nowMs: number): void {
    this.sql.putPartial.run(uploadId, received, nowMs);
  }

  dropPartial(uploadId: string): void {
    this.sql.dropPartial.run(uploadId);
    rmSync(this.partialPath(uploadId), { force: true });
  }

  findAsset(publicId: string): AssetRecord | undefined {
    const row = this.sql.findAsset.get(publicId) as { record: string } | undefined;
    return row ? (JSON.parse(row.record) as AssetRecord) : undefined;
  }

  assetPath(record: Pick<AssetRecord, 'file'>): string {
    return path.join(this.assetsDir, record.file);
  }

  /** Moves `sourcePath` into the assets folder as `publicId`, replacing an earlier version. */
  commitAsset(sourcePath: string, record: Omit<AssetRecord, 'file' | 'writes'>): AssetRecord {
    const previous = this.findAsset(record.public_id);
    const file = `${digest(record.public_id)}${record.format ? `.${record.format.replace(/[^a-z0-9]/gi, '')}` : ''}`;
    if (previous && previous.file !== file) rmSync(this.assetPath(previous), { force: true });
    renameSync(sourcePath, path.join(this.assetsDir, file));
    const stored: AssetRecord = { ...record, file, writes: (previous?.writes ?? 0) + 1 };
    this.putAsset(stored);
    return stored;
  }

  listAssets(): AssetRecord[] {
    return (this.sql.listAssets.all() as { record: string }[]).map((r) => JSON.parse(r.record) as AssetRecord);
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
