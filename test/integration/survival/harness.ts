/**
 * Shared pieces of the survival tests: a local stack whose servers can be stopped and started
 * again on the same ports with the same storage (an outage, not a new world), photo batches,
 * and checks that every photo is in its album exactly once and in the store once.
 */
import Database from 'better-sqlite3';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, linkSync, mkdirSync, readdirSync, rmSync, statSync, statfsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, expect } from 'vitest';
import { startAlbumBackend, type AlbumBackend } from '../../../src/main/localstack/album-backend';
import { startCloudinaryServer, type CloudinaryServer } from '../../../src/main/localstack/cloudinary-server';
import type { FaultOptions } from '../../../src/main/localstack/faults';
import { fixturesDir, requireBuiltCli, waitFor } from '../../helpers';
import type { RunningCli } from '../../helpers/cli';
import { sha1Of, writeBigJpeg } from '../../helpers/photos';
import { CLOUD, tempDir } from '../../helpers/stack';

const JWT_SECRET = 'jwt-test-secret-0123456789abcdef';

export interface SurvivalStack {
  dir: string;
  cloudinary: CloudinaryServer;
  backend: AlbumBackend;
  token: string;
  /** The environment of a `pixdrop` child: the servers' URLs, the token, its own data dir. */
  envFor(dataDirName: string, extra?: NodeJS.ProcessEnv): NodeJS.ProcessEnv;
  /** Both servers go away (connections cut), their storage stays. */
  stop(): Promise<void>;
  /** Both servers come back on the same ports with the same storage. */
  restart(faults?: { cloudinary?: FaultOptions; backend?: FaultOptions }): Promise<void>;
  close(): Promise<void>;
}

/** How the local Cloudinary server behaves beyond random faults (kept across restarts). */
export interface SurvivalServerOptions {
  /** The server closes a connection on which nothing moved for this long. */
  cloudinaryIdleTimeoutMs?: number;
}

export async function startSurvivalStack(
  faults: { cloudinary?: FaultOptions; backend?: FaultOptions } = {},
  options: SurvivalServerOptions = {},
): Promise<SurvivalStack> {
  const dir = tempDir('pixdrop-survival-');
  const startServers = async (ports: { cloudinary?: number; backend?: number }, f: typeof faults) => {
    const cloudinary = await startCloudinaryServer({
      ...CLOUD,
      storageDir: path.join(dir, 'cloudinary'),
      faults: f.cloudinary,
      port: ports.cloudinary,
      idleTimeoutMs: options.cloudinaryIdleTimeoutMs,
    });
    const backend = await startAlbumBackend({
      dbPath: path.join(dir, 'albums.sqlite'),
      jwtSecret: JWT_SECRET,
      cloudinary: { ...CLOUD, uploadPrefix: cloudinary.url, signatureAlgorithm: 'sha1', signatureVersion: 2 },
      faults: f.backend,
      port: ports.backend,
    });
    return { cloudinary, backend };
  };
  const first = await startServers({}, faults);
  const token = await first.backend.issueToken({ userId: 'photographer-1' });
  let running = true;
  const stack: SurvivalStack = {
    dir,
    ...first,
    token,
    envFor(dataDirName, extra = {}) {
      const env: NodeJS.ProcessEnv = { ...process.env };
      for (const key of Object.keys(env)) if (key.startsWith('PIXDROP_') || key.startsWith('CLOUDINARY_')) delete env[key];
      return {
        ...env,
        CLOUDINARY_URL: `cloudinary://${CLOUD.apiKey}:${CLOUD.apiSecret}@${CLOUD.cloudName}?upload_prefix=${stack.cloudinary.url}`,
        PIXDROP_API_URL: stack.backend.url,
        PIXDROP_API_TOKEN: token,
        PIXDROP_DATA_DIR: path.join(dir, dataDirName),
        ...extra,
      };
    },
    async stop() {
      if (!running) return;
      running = false;
      await Promise.allSettled([stack.cloudinary.close(), stack.backend.close()]);
    },
    async restart(f = {}) {
      if (running) return;
      const next = await startServers({ cloudinary: stack.cloudinary.port, backend: stack.backend.port }, f);
      stack.cloudinary = next.cloudinary;
      stack.backend = next.backend;
      running = true;
    },
    async close() {
      await stack.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return stack;
}

export interface Photo {
  path: string;
  sha1: string;
  size: number;
}

/** Distinct valid JPEGs (each its own content) in `folder`. */
export function makePhotos(folder: string, specs: { name: string; size: number }[], seedBase = 1): Photo[] {
  mkdirSync(folder, { recursive: true });
  return specs.map((spec, i) => {
    const file = path.join(folder, spec.name);
    const sha1 = writeBigJpeg(file, spec.size, seedBase + i * 1000);
    return { path: file, sha1, size: spec.size };
  });
}

export function smallBatch(count: number, size = 240_000): { name: string; size: number }[] {
  return Array.from({ length: count }, (_, i) => ({ name: `IMG_${String(i + 1).padStart(4, '0')}.jpg`, size: size + i * 997 }));
}

/** Facts a user would check: records per photo in the backend, assets per content and their stored bytes. */
export function exactlyOnceReport(stack: SurvivalStack, photos: Photo[]) {
  const records = stack.backend.listImages();
  const assets = stack.cloudinary.listAssets();
  const perPhoto = photos.map((p) => {
    const publicId = `pixdrop/${p.sha1}`;
    const mine = records.filter((r) => (r.infos as { public_id?: string } | undefined)?.public_id === publicId);
    const asset = assets.filter((a) => a.public_id === publicId);
    return { photo: p, records: mine.length, assets: asset.length, storedSha1: asset[0] ? sha1Of(asset[0].filePath) : null, writes: asset[0]?.writes ?? 0 };
  });
  return { records: records.length, assets: assets.length, perPhoto };
}

/** Every photo has one album record and one stored asset holding its bytes; the album holds `others` besides. */
export function expectEachPhotoOnce(stack: SurvivalStack, photos: Photo[], others = 0): void {
  const report = exactlyOnceReport(stack, photos);
  for (const p of report.perPhoto) {
    const name = path.basename(p.photo.path);
    expect(p.records, name).toBe(1);
    expect(p.assets, name).toBe(1);
    expect(p.storedSha1, name).toBe(p.photo.sha1);
  }
  expect(report.records).toBe(photos.length + others);
}

export interface Shoot {
  stack: SurvivalStack;
  /** The folder of photos, inside the stack's dir. */
  folder: string;
  photos: Photo[];
}

/**
 * For each test of the file: a stack whose album backend keeps duplicates (as contract §4 allows a backend to)
 * and a folder `folderName` of photos that `make` writes in it; closed after the test.
 */
export function noDedupShootEach(folderName: string, make: (folder: string) => Photo[]): Shoot {
  const shoot = {} as Shoot;
  beforeEach(async () => {
    shoot.stack = await startSurvivalStack({ backend: { duplicates: true } });
    shoot.folder = path.join(shoot.stack.dir, folderName);
    shoot.photos = make(shoot.folder);
  });
  afterEach(() => shoot.stack?.close());
  return shoot;
}

/** A test's survival stack and the `pixdrop watch` it starts (set `watcher`): stopped with SIGINT, then closed, after each test. */
export interface WatchedStack {
  stack: SurvivalStack;
  watcher: RunningCli | null;
}

export function watchedStackEach(): WatchedStack {
  const w = { watcher: null } as WatchedStack;
  beforeEach(async () => {
    requireBuiltCli();
    w.stack = await startSurvivalStack();
  });
  afterEach(async () => {
    if (w.watcher && w.watcher.child.exitCode === null) {
      w.watcher.child.kill('SIGINT');
      await w.watcher.done;
    }
    w.watcher = null;
    await w.stack?.close();
  });
  return w;
}

export { waitFor };

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Jobs per status, read from a stopped or running engine's library. */
export function jobCounts(dataDir: string): Record<string, number> {
  const db = new Database(path.join(dataDir, 'library.sqlite'), { readonly: true, fileMustExist: true });
  try {
    const rows = db.prepare('SELECT status, COUNT(*) AS n FROM jobs GROUP BY status').all() as { status: string; n: number }[];
    return Object.fromEntries(rows.map((r) => [r.status, r.n]));
  } finally {
    db.close();
  }
}

/** A tiny tmpfs, to play a disk that fills up. Needs root (mount); `refused` says why when it cannot. */
export interface SmallDisk {
  dir: string;
  /** Why mounting was refused, or null when the disk is there. */
  refused: string | null;
  freeBytes(): number;
  /** Fills the disk with a filler file until only `leaveBytes` are free. */
  fillLeaving(leaveBytes: number): void;
  /** Deletes the filler: the disk has room again. */
  emptyFiller(): void;
  unmount(): void;
}

export function mountSmallDisk(sizeBytes: number): SmallDisk {
  const dir = tempDir('pixdrop-small-disk-');
  const filler = path.join(dir, 'filler.bin');
  let refused: string | null = null;
  let mounted = false;
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeBytes}`, 'tmpfs', dir], { stdio: 'pipe' });
    mounted = true;
  } catch (error) {
    refused = `cannot mount a small tmpfs here (${String((error as { stderr?: Buffer }).stderr ?? (error as Error).message).trim() || 'mount failed'})`;
  }
  const freeBytes = () => {
    const s = statfsSync(dir);
    return s.bavail * s.bsize;
  };
  return {
    dir,
    refused,
    freeBytes,
    fillLeaving(leaveBytes) {
      writeFileSync(filler, Buffer.alloc(Math.max(0, freeBytes() - leaveBytes)));
    },
    emptyFiller: () => rmSync(filler, { force: true }),
    unmount() {
      if (mounted) execFileSync('umount', [dir], { stdio: 'pipe' });
      mounted = false;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Copies the distinct real camera photos of the shared fixtures (cameras/, gps/) into `folder`. */
export function copyFixturePhotos(folder: string): Photo[] {
  mkdirSync(folder, { recursive: true });
  const seen = new Set<string>();
  const photos: Photo[] = [];
  for (const sub of ['cameras', 'gps']) {
    for (const name of readdirSync(path.join(fixturesDir, sub))
      .filter((n) => n.toLowerCase().endsWith('.jpg'))
      .sort()) {
      const source = path.join(fixturesDir, sub, name);
      const sha1 = sha1Of(source);
      if (seen.has(sha1)) continue;
      seen.add(sha1);
      const target = path.join(folder, `${sub}-${name}`);
      copyFileSync(source, target);
      photos.push({ path: target, sha1, size: statSync(target).size });
    }
  }
  return photos;
}

/** `PRAGMA integrity_check` of a data dir's library, read-only. */
export function libraryIntegrity(dataDir: string): string {
  const db = new Database(path.join(dataDir, 'library.sqlite'), { readonly: true, fileMustExist: true });
  try {
    return String(db.pragma('integrity_check', { simple: true }));
  } finally {
    db.close();
  }
}

/**
 * `count` tiny valid JPEGs in ONE folder (IMG_000001.jpg …): a real camera's embedded preview
 * with a comment segment naming its number, so the first `distinct` differ in content; the
 * rest are hard links to those (same content, another name). Returns the distinct photos.
 */
export async function writeTinyJpegs(folder: string, count: number, distinct: number): Promise<Photo[]> {
  const exifr = (await import('exifr')).default;
  const preview = Buffer.from((await exifr.thumbnail(path.join(fixturesDir, 'cameras/canon-eos-1300d.jpg'))) as Uint8Array);
  mkdirSync(folder, { recursive: true });
  const name = (i: number) => path.join(folder, `IMG_${String(i + 1).padStart(6, '0')}.jpg`);
  const photos: Photo[] = [];
  for (let i = 0; i < count; i += 1) {
    if (i >= distinct) {
      linkSync(name(i % distinct), name(i));
      continue;
    }
    const text = Buffer.from(`pixdrop survival photo ${i}`);
    const comment = Buffer.alloc(4);
    comment.writeUInt16BE(0xfffe, 0);
    comment.writeUInt16BE(text.length + 2, 2);
    // SOI, then the comment, then the preview as it was.
    const bytes = Buffer.concat([preview.subarray(0, 2), comment, text, preview.subarray(2)]);
    writeFileSync(name(i), bytes);
    photos.push({ path: name(i), sha1: createHash('sha1').update(bytes).digest('hex'), size: bytes.length });
  }
  return photos;
}
