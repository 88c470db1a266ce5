/**
 * Pairs through the built `pixdrop upload` and the real local servers (../shared/fixtures/pairs): a RAW+JPEG
 * of one base name is one album photo with its RAW uploaded and named in metadatas[raw_public_id]; a Live
 * Photo is one album photo with its clip (a Cloudinary video) in metadatas[motion_public_id]; --raw-jpeg
 * both|jpeg|raw as immich-go's --manage-raw-jpeg.
 */
import path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ndjson, runCli } from '../../helpers/cli';
import { requireBuiltCli, sha1Of } from '../../helpers';
import { startTestStack, type TestStack } from '../../helpers/stack';
import { pairsDir } from '../../helpers/videos';

const idOf = (relative: string) => `pixdrop/${sha1Of(path.join(pairsDir, relative))}`;
const recordsByName = (stack: TestStack) => new Map(stack.backend.listImages().map((r) => [r.metadatas.relative_path as string, r.metadatas]));

describe('pairs', () => {
  let stack: TestStack;
  beforeAll(() => requireBuiltCli());
  beforeEach(async () => {
    stack = await startTestStack();
  });
  afterEach(() => stack?.close());

  it('pair (default): one album photo per RAW+JPEG and per Live Photo, the RAW and the clip uploaded and linked', async () => {
    const run = await runCli(['upload', pairsDir, '--album-from-folder', '--json'], stack.env);
    expect(run.code, run.stderr).toBe(0);
    const records = recordsByName(stack);
    expect([...records.keys()].sort()).toEqual(['live-photo/IMG_4521.HEIC', 'raw-jpeg/DSC_0042.JPG', 'raw-jpeg/IMG_0001.JPG']);
    expect(records.get('raw-jpeg/DSC_0042.JPG')).toMatchObject({ raw_public_id: idOf('raw-jpeg/DSC_0042.NEF') });
    expect(records.get('raw-jpeg/IMG_0001.JPG')).toMatchObject({ raw_public_id: idOf('raw-jpeg/IMG_0001.CR2') });
    expect(records.get('live-photo/IMG_4521.HEIC')).toMatchObject({ motion_public_id: idOf('live-photo/IMG_4521.MOV') });
    expect(records.get('live-photo/IMG_4521.HEIC')).not.toHaveProperty('raw_public_id');
    // Every file's content is in Cloudinary once, the clip as a video.
    const assets = stack.cloudinary.listAssets();
    expect(assets.map((a) => a.public_id).sort()).toEqual(
      [
        'raw-jpeg/DSC_0042.NEF',
        'raw-jpeg/DSC_0042.JPG',
        'raw-jpeg/IMG_0001.CR2',
        'raw-jpeg/IMG_0001.JPG',
        'live-photo/IMG_4521.HEIC',
        'live-photo/IMG_4521.MOV',
      ]
        .map(idOf)
        .sort(),
    );
    expect(assets.every((a) => a.writes === 1)).toBe(true);
    expect(assets.find((a) => a.public_id === idOf('live-photo/IMG_4521.MOV'))?.format).toBe('mov');
    expect(ndjson(run.stdout).at(-1)).toMatchObject({ uploaded: 3, failed: 0, ignored: 0 });

    // Again: nothing is sent or registered twice.
    const posts = stack.backend.stats().imagePosts;
    const uploads = stack.cloudinary.stats().uploadRequests;
    const again = await runCli(['upload', pairsDir, '--album-from-folder', '--json'], stack.env);
    expect(again.code, again.stderr).toBe(0);
    expect(stack.backend.stats().imagePosts).toBe(posts);
    expect(stack.cloudinary.stats().uploadRequests).toBe(uploads);
  });

  it('both: RAW and JPEG are two album photos, no link', async () => {
    const run = await runCli(['upload', path.join(pairsDir, 'raw-jpeg'), '--album-from-folder', '--json', '--raw-jpeg', 'both'], stack.env);
    expect(run.code, run.stderr).toBe(0);
    const records = recordsByName(stack);
    expect([...records.keys()].sort()).toEqual(['DSC_0042.JPG', 'DSC_0042.NEF', 'IMG_0001.CR2', 'IMG_0001.JPG']);
    expect([...records.values()].some((m) => m.raw_public_id)).toBe(false);
  });

  it.each([
    ['jpeg', ['DSC_0042.JPG', 'IMG_0001.JPG'], ['DSC_0042.NEF', 'IMG_0001.CR2']],
    ['raw', ['DSC_0042.NEF', 'IMG_0001.CR2'], ['DSC_0042.JPG', 'IMG_0001.JPG']],
  ])('%s: only that half is uploaded, the other reported as paired', async (mode, uploaded, paired) => {
    const run = await runCli(['upload', path.join(pairsDir, 'raw-jpeg'), '--album-from-folder', '--json', '--raw-jpeg', mode], stack.env);
    expect(run.code, run.stderr).toBe(0);
    expect([...recordsByName(stack).keys()].sort()).toEqual(uploaded);
    const events = ndjson(run.stdout);
    expect(
      events
        .filter((e) => e.type === 'file-ignored')
        .map((e) => [path.basename(e.path as string), e.reason])
        .sort(),
    ).toEqual(paired.map((p) => [p, 'paired']));
    expect(stack.cloudinary.listAssets()).toHaveLength(2);
  });

  it('refuses an unknown mode with exit 2, naming the modes', async () => {
    const run = await runCli(['upload', pairsDir, '--album-from-folder', '--raw-jpeg', 'sometimes'], stack.env);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--raw-jpeg "sometimes" is not a mode: give pair');
  });
});
