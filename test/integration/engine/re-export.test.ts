/**
 * A re-export (contract §1 `--on-change`): the same path with new content after its upload. Through the built
 * `pixdrop upload` and the real album backend: replace (default) updates that album photo in place — same
 * record id, title and description kept, the new upload's answer — new adds another, skip leaves it.
 */
import { copyFileSync, mkdirSync, utimesSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ndjson, runCli } from '../../helpers/cli';
import { fixturesDir, requireBuiltCli } from '../../helpers/paths';
import { startTestStack, type TestStack } from '../../helpers/stack';

const FIRST = path.join(fixturesDir, 'cameras/canon-eos-1300d.jpg');
const EXPORT = path.join(fixturesDir, 'cameras/apple-iphone-4.jpg');

describe('re-exports', () => {
  let stack: TestStack;
  let folder: string;
  let photo: string;
  beforeAll(() => requireBuiltCli());
  beforeEach(async () => {
    stack = await startTestStack();
    folder = path.join(stack.dir, 'Exports');
    mkdirSync(folder);
    photo = path.join(folder, 'a.jpg');
    copyFileSync(FIRST, photo);
    const first = await runCli(['upload', folder, '--album-from-folder', '--json'], stack.env);
    expect(first.code, first.stderr).toBe(0);
    // The photographer titles it in the album, then re-exports a.jpg from Lightroom.
    const [record] = stack.backend.listImages();
    const titled = await fetch(`${stack.backend.url}/api/v1/images/${record!.id}`, {
      method: 'PATCH',
      headers: { authorization: `Token token="${stack.token}"`, 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'First kiss', description: 'Ceremony, 14:02' }),
    });
    expect(titled.status).toBe(200);
    copyFileSync(EXPORT, photo);
    utimesSync(photo, new Date(), new Date(Date.now() + 5000));
  });
  afterEach(() => stack?.close());

  it('replace (default): the album photo is updated in place, its id, title and description kept', async () => {
    const [before] = stack.backend.listImages();
    const uploads = stack.cloudinary.stats().uploadRequests;
    const dry = await runCli(['upload', folder, '--album-from-folder', '--json', '--dry-run'], stack.env);
    expect(dry.code, dry.stderr).toBe(0);
    expect(ndjson(dry.stdout).find((e) => e.type === 'plan-file')).toMatchObject({ path: photo, action: 'replaces' });
    expect(ndjson(dry.stdout).at(-1)).toMatchObject({ type: 'plan', replaces: 1, new: 0 });
    expect(stack.cloudinary.stats().uploadRequests).toBe(uploads);
    const run = await runCli(['upload', folder, '--album-from-folder', '--json'], stack.env);
    expect(run.code, run.stderr).toBe(0);
    const records = stack.backend.listImages();
    expect(records).toHaveLength(1);
    const after = records[0]!;
    expect(after.id).toBe(before!.id);
    expect(after).toMatchObject({ title: 'First kiss', description: 'Ceremony, 14:02' });
    expect(after.metadatas.camera_model).toBe('iPhone 4');
    expect(after.infos.public_id).not.toBe(before!.infos.public_id);
    // Said as a replacement, by the same words a watch uses, not as another upload.
    expect(ndjson(run.stdout).filter((e) => e.type === 'file-uploaded')).toEqual([
      expect.objectContaining({ path: photo, image_id: before!.id, work: 'replaced' }),
    ]);
    expect(ndjson(run.stdout).at(-1)).toMatchObject({ uploaded: 1, replaced: 1, failed: 0 });
  });

  it('new: the re-export is another album photo beside the first', async () => {
    const run = await runCli(['upload', folder, '--album-from-folder', '--json', '--on-change', 'new'], stack.env);
    expect(run.code, run.stderr).toBe(0);
    expect(
      stack.backend
        .listImages()
        .map((r) => r.metadatas.camera_model)
        .sort(),
    ).toEqual(['Canon EOS 1300D', 'iPhone 4']);
  });

  it('skip: the album photo stays as it was and nothing is sent', async () => {
    const uploads = stack.cloudinary.stats().uploadRequests;
    const run = await runCli(['upload', folder, '--album-from-folder', '--json', '--on-change', 'skip'], stack.env);
    expect(run.code, run.stderr).toBe(0);
    expect(stack.cloudinary.stats().uploadRequests).toBe(uploads);
    const records = stack.backend.listImages();
    expect(records).toHaveLength(1);
    expect(records[0]!.metadatas.camera_model).toBe('Canon EOS 1300D');
  });

  it('skip is for that run only: a later run without it still sees the re-export, plans it and replaces the photo', async () => {
    const skipped = await runCli(['upload', folder, '--album-from-folder', '--json', '--on-change', 'skip'], stack.env);
    expect(skipped.code, skipped.stderr).toBe(0);
    const again = await runCli(['upload', folder, '--album-from-folder', '--json', '--on-change', 'skip'], stack.env);
    expect(ndjson(again.stdout).at(-1)).toMatchObject({ type: 'summary', uploaded: 0, skipped: 1 });
    const dry = await runCli(['upload', folder, '--album-from-folder', '--json', '--dry-run'], stack.env);
    expect(ndjson(dry.stdout).at(-1)).toMatchObject({ type: 'plan', replaces: 1, new: 0 });
    const [before] = stack.backend.listImages();
    const run = await runCli(['upload', folder, '--album-from-folder', '--json'], stack.env);
    expect(ndjson(run.stdout).at(-1)).toMatchObject({ type: 'summary', uploaded: 1, replaced: 1, failed: 0 });
    const records = stack.backend.listImages();
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ id: before!.id, title: 'First kiss' });
    expect(records[0]!.metadatas.camera_model).toBe('iPhone 4');
  });
});
