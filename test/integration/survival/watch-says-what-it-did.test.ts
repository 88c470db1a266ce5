/**
 * A watch says each thing it does to the album, in the words `upload` uses: a re-export written over an uploaded
 * photo is "replaced", a RAW copied in after its JPEG was uploaded is "linked RAW … to …" (and their --json
 * events), and the summary counts each once. Real `pixdrop watch` processes against the real local servers.
 */
import { copyFileSync, mkdirSync, utimesSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ndjson, startCli } from '../../helpers/cli';
import { fixturesDir } from '../../helpers/paths';
import { pairsDir } from '../../helpers/videos';
import { waitFor, watchedStackEach } from './harness';

const w = watchedStackEach();

/** A shoot of one JPEG (its RAW comes later) and one photo re-exported later. */
function shoot(): { folder: string; jpeg: string; raw: string; exported: string } {
  const folder = path.join(w.stack.dir, 'Wedding');
  mkdirSync(folder, { recursive: true });
  const jpeg = path.join(folder, 'DSC_0042.JPG');
  copyFileSync(path.join(pairsDir, 'raw-jpeg/DSC_0042.JPG'), jpeg);
  const exported = path.join(folder, 'first-kiss.jpg');
  copyFileSync(path.join(fixturesDir, 'cameras/canon-eos-1300d.jpg'), exported);
  return { folder, jpeg, raw: path.join(folder, 'DSC_0042.NEF'), exported };
}

/** The RAW arrives late, and the photo is exported again over itself (a newer mtime, as Lightroom writes it). */
function rawAndReExport(s: ReturnType<typeof shoot>): void {
  copyFileSync(path.join(pairsDir, 'raw-jpeg/DSC_0042.NEF'), s.raw);
  copyFileSync(path.join(fixturesDir, 'cameras/apple-iphone-4.jpg'), s.exported);
  utimesSync(s.exported, new Date(), new Date(Date.now() + 5000));
}

describe('pixdrop watch says what it did', () => {
  it('a re-export is "replaced", a late RAW "linked RAW … to …", and the summary counts them', { timeout: 90_000 }, async () => {
    const s = shoot();
    w.watcher = startCli(['watch', s.folder, '--album-from-folder'], w.stack.envFor('data'));
    await waitFor(() => (w.watcher!.stdout().match(/^uploaded /gm) ?? []).length === 2, 40_000, 'both photos uploaded');
    rawAndReExport(s);
    await waitFor(() => /^replaced /m.test(w.watcher!.stdout()) && /^linked /m.test(w.watcher!.stdout()), 40_000, 'the replace and the link said');
    w.watcher.child.kill('SIGINT');
    const { stdout, code } = await w.watcher.done;
    expect(code).toBe(0);
    const lines = stdout.trim().split('\n');
    expect(lines).toContain(`replaced ${s.exported}`);
    expect(lines).toContain(`linked RAW ${s.raw} to ${s.jpeg}`);
    expect(lines.at(-1)).toMatch(/^done: 4 uploaded \(1 replaced, 1 RAW\/clip linked\), 0 already in the album, 0 failed/);
    expect(w.stack.backend.listImages()).toHaveLength(2);
  });

  it('--json: the replacement and the link are file-uploaded events saying their work, and the summary counts them', { timeout: 90_000 }, async () => {
    const s = shoot();
    w.watcher = startCli(['watch', s.folder, '--album-from-folder', '--json'], w.stack.envFor('data'));
    const events = () => ndjson(w.watcher!.stdout());
    const did = (work: string) => events().find((e) => e.type === 'file-uploaded' && e.work === work);
    await waitFor(() => events().filter((e) => e.type === 'file-uploaded').length === 2, 40_000, 'both photos uploaded');
    rawAndReExport(s);
    await waitFor(() => did('replaced') !== undefined && did('linked') !== undefined, 40_000, 'both said');
    w.watcher.child.kill('SIGINT');
    await w.watcher.done;
    expect(did('replaced')).toMatchObject({ path: s.exported });
    expect(did('linked')).toMatchObject({ path: s.jpeg, raw: s.raw, motion: null });
    expect(events().at(-1)).toMatchObject({ type: 'summary', uploaded: 4, replaced: 1, linked: 1, failed: 0 });
  });
});
