/**
 * On-disk state of the local Cloudinary: stored assets, partial chunked uploads, and an index
 * (index.json, replaced atomically) so a restart on the same folder finds everything again.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
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

export class CloudinaryStore {
  private readonly index: IndexFile;
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
    this.index = this.load();
  }

  private load(): IndexFile {
    try {
      const parsed = JSON.parse(readFileSync(path.join(this.root, 'index.json'), 'utf8')) as Partial<IndexFile>;
      return { assets: parsed.assets ?? {}, partials: parsed.partials ?? {} };
    } catch {
      return { assets: {}, partials: {} };
    }
  }

  private save(): void {
    const target = path.join(this.root, 'index.json');
    const temporary = `${target}.${process.pid}.tmp`;
    writeFileSync(temporary, JSON.stringify(this.index));
    renameSync(temporary, target);
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
    return this.index.partials[uploadId]?.received ?? 0;
  }

  hasPartial(uploadId: string): boolean {
    return uploadId in this.index.partials;
  }

  recordPartial(uploadId: string, received: number, nowMs: number): void {
    this.index.partials[uploadId] = { received, updatedAt: nowMs };
    this.save();
  }

  dropPartial(uploadId: string): void {
    delete this.index.partials[uploadId];
    rmSync(this.partialPath(uploadId), { force: true });
    this.save();
  }

  findAsset(publicId: string): AssetRecord | undefined {
    return this.index.assets[publicId];
  }

  assetPath(record: Pick<AssetRecord, 'file'>): string {
    return path.join(this.assetsDir, record.file);
  }

  /** Moves `sourcePath` into the assets folder as `publicId`, replacing an earlier version. */
  commitAsset(sourcePath: string, record: Omit<AssetRecord, 'file' | 'writes'>): AssetRecord {
    const previous = this.index.assets[record.public_id];
    const file = `${digest(record.public_id)}${record.format ? `.${record.format.replace(/[^a-z0-9]/gi, '')}` : ''}`;
    if (previous && previous.file !== file) rmSync(this.assetPath(previous), { force: true });
    renameSync(sourcePath, path.join(this.assetsDir, file));
    const stored: AssetRecord = { ...record, file, writes: (previous?.writes ?? 0) + 1 };
    this.index.assets[record.public_id] = stored;
    this.save();
    return stored;
  }

  listAssets(): AssetRecord[] {
    return Object.values(this.index.assets);
  }
}
