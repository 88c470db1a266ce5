/**
 * Videos through the built `pixdrop upload`, as a photographer's card folder would go: in demo mode (nothing
 * configured) every fixture clip arrives once as a Cloudinary video with its metadata agreeing with exiftool;
 * `--no-videos` leaves them, each reported; a clip larger than the chunk size goes in chunks to video/upload.
 */
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBackendStore } from '../../../src/main/localstack/backend/store';
import { CloudinaryStore } from '../../../src/main/localstack/cloudinary/store';
import { ndjson, runCli } from '../../helpers/cli';
import { requireBuiltCli } from '../../helpers/paths';
import { startTestStack, type TestStack } from '../../helpers/stack';
import { useTempDir } from '../../helpers/temp-dir';
import { expectedVideos, videoAgreement, videosDir } from '../../helpers/videos';

const clips = Object.keys(expectedVideos);

function demoEnv(dataDir: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, PIXDROP_DATA_DIR: dataDir };
  for (const key of ['CLOUDINARY_URL', 'PIXDROP_API_URL', 'PIXDROP_API_TOKEN', 'CLOUDINARY_UPLOAD_PREFIX']) delete env[key];
  return env;
}

describe('videos in demo mode', () => {
  beforeAll(() => requireBuiltCli());

  it('uploads every fixture clip once as a video, with metadata agreeing with exiftool, and reports the other files', async () => {
    const dataDir = useTempDir('pixdrop-videos-');
    const run = await runCli(['upload', videosDir, '--album-from-folder', '--json'], demoEnv(dataDir));
    expect(run.code, run.stderr).toBe(0);
    const events = ndjson(run.stdout);
    expect(events.filter((e) => e.type === 'file-uploaded')).toHaveLength(clips.length);
    const ignored = events.filter((e) => e.type === 'file-ignored').map((e) => [path.basename(e.path as string), e.reason]);
    expect(ignored.sort()).toEqual([
      ['SOURCES.md', 'unsupported'],
      ['expected.json', 'unsupported'],
    ]);
    expect(events.at(-1)).toMatchObject({ type: 'summary', uploaded: clips.length, failed: 0, ignored: 2 });

    const backend = openBackendStore(path.join(dataDir, 'demo', 'albums.sqlite'));
    const records = backend.listImages();
    backend.close();
    expect(records).toHaveLength(clips.length);
    const byName = new Map(records.map((r) => [r.metadatas.filename as string, r]));
    const { table: rows, misses, agree, total } = videoAgreement((name) => byName.get(name)?.metadatas);
    console.table(rows);
    console.log(`Misses (${misses.length}):\n${misses.join('\n')}`);
    expect(agree / total).toBeGreaterThanOrEqual(1);
    for (const record of records) {
      expect(record.infos.resource_type, String(record.metadatas.filename)).toBe('video');
      expect(Number(record.infos.duration)).toBeCloseTo(Number(record.metadatas.duration), 3);
    }

    const store = new CloudinaryStore(path.join(dataDir, 'demo', 'cloudinary'));
    const assets = store.listAssets();
    store.close();
    expect(assets).toHaveLength(clips.length);
    for (const asset of assets) {
      expect(asset).toMatchObject({ resource_type: 'video', type: 'authenticated', writes: 1 });
      // Image-only analyses are not asked for videos (contract §3).
      expect(asset.response).not.toHaveProperty('phash');
      expect(asset.response).not.toHaveProperty('faces');
      expect(asset.response).not.toHaveProperty('colors');
    }
  });

  it('leaves videos with --no-videos, each reported as filtered, and still uploads the photos beside them', async () => {
    const dataDir = useTempDir('pixdrop-novideos-');
    const folder = path.join(dataDir, 'card');
    mkdirSync(folder, { recursive: true });
    for (const name of ['with-gps.mov', 'MVI_4823.AVI']) copyFileSync(path.join(videosDir, name), path.join(folder, name));
    copyFileSync(path.resolve(videosDir, '../pairs/raw-jpeg/DSC_0042.JPG'), path.join(folder, 'DSC_0042.JPG'));
    const run = await runCli(['upload', folder, '--album-from-folder', '--json', '--no-videos'], demoEnv(path.join(dataDir, 'data')));
    expect(run.code, run.stderr).toBe(0);
    const events = ndjson(run.stdout);
    expect(events.filter((e) => e.type === 'file-uploaded').map((e) => path.basename(e.path as string))).toEqual(['DSC_0042.JPG']);
    const ignored = events.filter((e) => e.type === 'file-ignored').map((e) => [path.basename(e.path as string), e.reason]);
    expect(ignored.sort()).toEqual([
      ['MVI_4823.AVI', 'filtered'],
      ['with-gps.mov', 'filtered'],
    ]);
    expect(events.at(-1)).toMatchObject({ uploaded: 1, ignored: 2 });
  });
});

describe('a video larger than the chunk size', () => {
  let stack: TestStack;
  beforeAll(async () => {
    requireBuiltCli();
    stack = await startTestStack();
  });
  afterAll(() => stack?.close());

  it('goes to video/upload in chunks and arrives whole, once, with its duration', async () => {
    const folder = path.join(stack.dir, 'big');
    mkdirSync(folder);
    // A QuickTime movie may end with a 'free' atom of any size: 3.3 MB of movie + 9 MB of free space.
    const movie = readFileSync(path.join(videosDir, 'sample_iTunes.mov'));
    const free = Buffer.alloc(9 * 1024 * 1024);
    free.writeUInt32BE(free.length, 0);
    free.write('free', 4, 'latin1');
    writeFileSync(path.join(folder, 'long.mov'), Buffer.concat([movie, free]));
    const run = await runCli(['upload', folder, '--album-from-folder', '--json'], { ...stack.env, PIXDROP_CHUNK_SIZE: '5242880' });
    expect(run.code, run.stderr).toBe(0);
    expect(stack.cloudinary.stats().chunkRequests).toBe(3);
    const [asset] = stack.cloudinary.listAssets();
    expect(asset).toMatchObject({ format: 'mov', bytes: movie.length + free.length, writes: 1 });
    const [record] = stack.backend.listImages();
    expect(record!.infos).toMatchObject({ resource_type: 'video' });
    expect(String(record!.infos.secure_url)).toContain('/video/authenticated/');
    expect(record!.metadatas).toMatchObject({ duration: '85.5', mime_type: 'video/quicktime' });
    expect(Number(record!.infos.duration)).toBe(85.5);
    expect(readdirSync(folder)).toEqual(['long.mov']);
  });
});
