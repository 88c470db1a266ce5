/**
 * A RAW (or a Live Photo's clip) that reaches the folder after its JPEG was uploaded and registered — the JPEGs
 * copied first, the RAWs later — through the built CLI and the real local servers (../shared/fixtures/pairs).
 * With `--raw-jpeg pair` it is uploaded as that album photo's companion and linked by a PATCH of the same record
 * (its id and title kept), exactly once: a later run sends nothing. `both` makes it its own photo, `jpeg` reports it.
 */
import { copyFileSync, mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ndjson, runCli, startCli, type RunningCli } from '../../helpers/cli';
import { requireBuiltCli, sha1Of, waitFor } from '../../helpers';
import { startTestStack, type TestStack } from '../../helpers/stack';
import { pairsDir } from '../../helpers/videos';

const idOf = (relative: string) => `pixdrop/${sha1Of(path.join(pairsDir, relative))}`;

const SHOTS = [
  { name: 'RAW', still: 'raw-jpeg/DSC_0042.JPG', late: 'raw-jpeg/DSC_0042.NEF', link: 'raw_public_id' },
  { name: 'Live Photo clip', still: 'live-photo/IMG_4521.HEIC', late: 'live-photo/IMG_4521.MOV', link: 'motion_public_id' },
] as const;

describe('a RAW or clip that arrives after its photo was uploaded', () => {
  let stack: TestStack;
  let shoot: string;
  let running: RunningCli | null = null;
  beforeAll(() => requireBuiltCli());
  beforeEach(async () => {
    stack = await startTestStack();
    shoot = path.join(stack.dir, 'Shoot');
    mkdirSync(shoot, { recursive: true });
  });
  afterEach(async () => {
    running?.child.kill('SIGKILL');
    await running?.done;
    running = null;
    await stack?.close();
  });

  const place = (relative: string) => copyFileSync(path.join(pairsDir, relative), path.join(shoot, path.basename(relative)));
  const upload = async (...extra: string[]) => {
    const run = await runCli(['upload', shoot, '--album-from-folder', '--json', ...extra], stack.env);
    expect(run.code, run.stderr).toBe(0);
    return ndjson(run.stdout);
  };
  /** As the photographer would in the album's own site: a title and caption typed there, which the link must keep. */
  const caption = async (id: unknown) => {
    const answer = await fetch(`${stack.backend.url}/api/v1/images/${String(id)}`, {
      method: 'PATCH',
      headers: { authorization: `Token token="${stack.token}"`, 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'First dance', description: 'Ballroom, 21:40' }),
    });
    expect(answer.status).toBe(200);
  };
  const lateAsset = (relative: string) => stack.cloudinary.listAssets().filter((a) => a.public_id === idOf(relative));

  /** One album photo for the shot, its record linking the late file, whose bytes Cloudinary holds once. */
  function expectLinked(shot: (typeof SHOTS)[number], before: { id: unknown; title?: unknown; description?: unknown }) {
    const records = stack.backend.listImages();
    expect(records.map((r) => r.metadatas.relative_path)).toEqual([path.basename(shot.still)]);
    expect(records[0]).toMatchObject(before);
    expect(records[0]!.metadatas[shot.link]).toBe(idOf(shot.late));
    const assets = lateAsset(shot.late);
    expect(assets).toHaveLength(1);
    expect(assets[0]!.writes).toBe(1);
    expect(sha1Of(assets[0]!.filePath)).toBe(sha1Of(path.join(pairsDir, shot.late)));
  }

  it.each(SHOTS)(
    'a $name beside a photo whose content the album has already (a copy in another folder): sent and linked to that photo, in a later run and in the same run',
    async (shot) => {
      const copyOf = (folder: string) => {
        mkdirSync(path.join(shoot, folder), { recursive: true });
        copyFileSync(path.join(pairsDir, shot.still), path.join(shoot, folder, `copy${path.extname(shot.still)}`));
      };
      const pairIn = (folder: string) => {
        mkdirSync(path.join(shoot, folder), { recursive: true });
        for (const file of [shot.still, shot.late]) copyFileSync(path.join(pairsDir, file), path.join(shoot, folder, path.basename(file)));
      };
      const linkOf = () => stack.backend.listImages().map((r) => r.metadatas[shot.link] ?? null);
      copyOf('Earlier');
      expect((await upload('--include', 'Earlier/**')).at(-1)).toMatchObject({ uploaded: 1, failed: 0 });
      pairIn('Later');
      await upload();
      expect(linkOf()).toEqual([idOf(shot.late)]);
      expect(lateAsset(shot.late)).toHaveLength(1);
      expect((await upload()).at(-1)).toMatchObject({ uploaded: 0, failed: 0 });

      // The copy and the pair found by one run: the pair waits for the copy's record, then links to it.
      await stack.close();
      stack = await startTestStack();
      shoot = path.join(stack.dir, 'Shoot');
      copyOf('A');
      pairIn('B');
      await upload();
      expect(linkOf()).toEqual([idOf(shot.late)]);
      expect(lateAsset(shot.late)).toHaveLength(1);
    },
  );

  it.each(SHOTS)('pixdrop upload, then the $name copied in, then upload again: linked to the same album photo, once', async (shot) => {
    place(shot.still);
    expect((await upload()).at(-1)).toMatchObject({ uploaded: 1, failed: 0, ignored: 0 });
    const [first] = stack.backend.listImages();
    expect(first?.metadatas).not.toHaveProperty(shot.link);
    await caption(first!.id);

    place(shot.late);
    // The dry run says so first, and sends nothing.
    const lateBytes = statSync(path.join(pairsDir, shot.late)).size;
    const sentBefore = stack.cloudinary.stats().uploadRequests;
    const planned = await upload('--dry-run');
    expect(planned.filter((e) => e.type === 'plan-file')).toEqual([expect.objectContaining({ action: 'already-there', bytes: lateBytes })]);
    expect(planned.at(-1)).toMatchObject({ type: 'plan', bytes: lateBytes, ignored: 0 });
    expect(stack.cloudinary.stats().uploadRequests).toBe(sentBefore);

    const second = await upload();
    expect(second.filter((e) => e.type === 'file-ignored')).toEqual([]);
    // Only the late file's bytes are sent: the photo itself is not uploaded again; the upload is said as a link.
    expect(second.at(-1)).toMatchObject({ uploaded: 1, linked: 1, failed: 0, ignored: 0, bytes: lateBytes });
    expect(second.filter((e) => e.type === 'file-uploaded')).toEqual([
      expect.objectContaining({ path: path.join(shoot, path.basename(shot.still)), work: 'linked' }),
    ]);
    expectLinked(shot, { id: first!.id, title: 'First dance', description: 'Ballroom, 21:40' });
    expect(stack.backend.stats().imagePosts).toBe(1);

    // A third run: nothing sent, nothing registered or patched again.
    const uploads = stack.cloudinary.stats().uploadRequests;
    const updated = stack.backend.listImages()[0]!.updated_at;
    expect((await upload()).at(-1)).toMatchObject({ uploaded: 0, failed: 0 });
    expect(stack.cloudinary.stats().uploadRequests).toBe(uploads);
    expect(stack.backend.stats().imagePosts).toBe(1);
    expect(stack.backend.listImages()[0]!.updated_at).toBe(updated);
  });

  it('killed after the late RAW reached Cloudinary and before the link: the next run links it without sending it again', async () => {
    const shot = SHOTS[0];
    place(shot.still);
    await upload();
    const [first] = stack.backend.listImages();
    place(shot.late);
    const killed = await runCli(['upload', shoot, '--album-from-folder', '--json'], { ...stack.env, PIXDROP_CRASH_AT: 'uploaded' });
    expect(killed.signal).toBe('SIGKILL');
    expect(lateAsset(shot.late)).toHaveLength(1);
    expect(stack.backend.listImages()[0]!.metadatas).not.toHaveProperty(shot.link);

    const uploads = stack.cloudinary.stats().uploadRequests;
    expect((await upload()).at(-1)).toMatchObject({ failed: 0, bytes: 0 });
    expectLinked(shot, { id: first!.id });
    expect(stack.cloudinary.stats().uploadRequests).toBe(uploads);
    expect(stack.backend.stats().imagePosts).toBe(1);
  });

  it('a new library (another computer) finds the JPEG in the album without its RAW: the RAW is sent and linked', async () => {
    const shot = SHOTS[0];
    place(shot.still);
    await upload();
    const [first] = stack.backend.listImages();
    place(shot.late);
    const env = { ...stack.env, PIXDROP_DATA_DIR: path.join(stack.dir, 'other-computer') };
    const run = await runCli(['upload', shoot, '--album-from-folder', '--json'], env);
    expect(run.code, run.stderr).toBe(0);
    expect(ndjson(run.stdout).at(-1)).toMatchObject({ failed: 0, ignored: 0, bytes: statSync(path.join(pairsDir, shot.late)).size });
    expectLinked(shot, { id: first!.id });
    expect(stack.backend.stats().imagePosts).toBe(1);
  });

  it('pixdrop watch: a RAW copied in after its JPEG is done is uploaded and linked; a restart sends nothing more', { timeout: 120_000 }, async () => {
    const shot = SHOTS[0];
    place(shot.still);
    running = startCli(['watch', shoot, '--album-from-folder', '--json'], stack.env);
    await waitFor(() => stack.backend.listImages().length === 1, 60_000, 'the JPEG in its album');
    const [first] = stack.backend.listImages();

    place(shot.late);
    await waitFor(() => Boolean(stack.backend.listImages()[0]?.metadatas[shot.link]), 60_000, 'the late RAW linked');
    expectLinked(shot, { id: first!.id, title: first!.title });
    expect(ndjson(running.stdout()).filter((e) => e.type === 'file-ignored')).toEqual([]);
    running.child.kill('SIGINT');
    expect((await running.done).code).toBe(0);
    running = null;

    const uploads = stack.cloudinary.stats().uploadRequests;
    expect((await upload()).at(-1)).toMatchObject({ uploaded: 0, failed: 0 });
    expect(stack.cloudinary.stats().uploadRequests).toBe(uploads);
    expect(stack.backend.stats().imagePosts).toBe(1);
  });

  it('--raw-jpeg jpeg: the late RAW is reported as paired', async () => {
    const shot = SHOTS[0];
    place(shot.still);
    await upload('--raw-jpeg', 'jpeg');
    place(shot.late);
    const events = await upload('--raw-jpeg', 'jpeg');
    expect(events.filter((e) => e.type === 'file-ignored')).toEqual([
      { type: 'file-ignored', path: path.join(shoot, path.basename(shot.late)), reason: 'paired' },
    ]);
    expect(events.at(-1)).toMatchObject({ ignored: 1 });
    expect(lateAsset(shot.late)).toEqual([]);
  });

  it('--raw-jpeg both: the late RAW is an album photo of its own', async () => {
    const shot = SHOTS[0];
    place(shot.still);
    await upload('--raw-jpeg', 'both');
    place(shot.late);
    expect((await upload('--raw-jpeg', 'both')).at(-1)).toMatchObject({ uploaded: 1, failed: 0, ignored: 0 });
    expect(
      stack.backend
        .listImages()
        .map((r) => r.metadatas.relative_path)
        .sort(),
    ).toEqual(['DSC_0042.JPG', 'DSC_0042.NEF']);
    expect(lateAsset(shot.late)).toHaveLength(1);
  });
});
