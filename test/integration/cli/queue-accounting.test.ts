/**
 * Every file of a run is accounted for, through the built CLI and the real local servers: files cancelled
 * while the run uploads are said one by one and counted in its summary; `pixdrop status` shows the ids of
 * files not yet in their album (the ids `cancel` takes); an id that is no file is named, not passed over.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ndjson, runCli, startCli } from '../../helpers/cli';
import { stackWithShootEach } from '../../helpers/stack';
import { makePhotos, smallBatch, waitFor } from '../survival/harness';

describe('queue accounting', () => {
  const s = stackWithShootEach({ folder: 'Big', fill: (shoot) => makePhotos(shoot, smallBatch(4, 1_000_000)) });

  const slowUpload = (extra: string[]) =>
    startCli(['upload', s.shoot, '--album-from-folder', '--bwlimit', '250k', '--concurrency', '1', ...extra], s.stack.env);

  it('counts files cancelled during the run in its summary, with an event for each (--json)', async () => {
    const run = slowUpload(['--json']);
    await waitFor(() => run.stdout().includes('"scan-finished"'), 30_000, 'the scan');
    const cancel = await runCli(['cancel', '--all'], s.stack.env);
    expect(cancel.code, cancel.stderr).toBe(0);
    const done = await run.done;
    expect(done.code, done.stderr).toBe(0);
    const events = ndjson(done.stdout);
    const summary = events.at(-1) as Record<string, number>;
    expect(summary).toMatchObject({ type: 'summary', cancelled: 4, uploaded: 0 });
    expect(events.filter((e) => e.type === 'file-cancelled').map((e) => e.path as string)).toHaveLength(4);
  });

  it('shows the ids of queued files in status, and a run whose files were cancelled by id says which', async () => {
    const run = slowUpload([]);
    await waitFor(() => run.stdout().includes('queued 4 photo(s)'), 30_000, 'the scan');
    const status = await runCli(['status', '--json'], s.stack.env);
    expect(status.code, status.stderr).toBe(0);
    const unfinished = (JSON.parse(status.stdout) as { unfinished: { id: number; path: string; status: string }[] }).unfinished;
    expect(unfinished.map((f) => path.basename(f.path)).sort()).toEqual(['IMG_0001.jpg', 'IMG_0002.jpg', 'IMG_0003.jpg', 'IMG_0004.jpg']);
    const text = await runCli(['status'], s.stack.env);
    for (const f of unfinished) expect(text.stdout).toMatch(new RegExp(`^ +${f.id}  ${f.status} +${f.path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 'm'));
    const picked = unfinished.filter((f) => f.status === 'queued').slice(-2);
    expect(picked).toHaveLength(2);
    const cancel = await runCli(['cancel', ...picked.map((f) => String(f.id))], s.stack.env);
    expect(cancel.stdout).toContain('2 file(s) cancelled');
    const done = await run.done;
    expect(done.code, done.stderr).toBe(0);
    for (const f of picked) expect(done.stdout).toContain(`cancelled ${f.path}`);
    expect(done.stdout).toMatch(/done: 2 uploaded, 0 already in the album, 0 failed, 0 ignored, 2 cancelled,/);
  });

  it('names every id it cannot use, and why: no such file, no id at all, already uploaded; exit 2 when none was usable', async () => {
    const first = await runCli(['upload', s.shoot, '--album-from-folder', '--json'], s.stack.env);
    expect(first.code, first.stderr).toBe(0);
    const known = ndjson(first.stdout).find((e) => e.type === 'file-uploaded')?.id as number;
    for (const command of ['retry', 'cancel']) {
      const unknown = await runCli([command, '4242'], s.stack.env);
      expect(unknown.code, `${command}: ${unknown.stdout}`).toBe(2);
      expect(unknown.stderr).toContain('no file with id 4242');
      expect(unknown.stderr).toContain('pixdrop status');
      // An uploaded file beside an unknown id: both are named, nothing is changed.
      const mixed = await runCli([command, '99999', String(known)], s.stack.env);
      expect(mixed.code, mixed.stderr).toBe(2);
      expect(mixed.stderr).toContain('no file with id 99999');
      expect(mixed.stderr).toContain(`file ${known} is already uploaded`);
      // A word that is no id does not hide the unknown number beside it.
      const words = await runCli([command, '99999', 'abc'], s.stack.env);
      expect(words.code, words.stderr).toBe(2);
      expect(words.stderr).toContain('"abc" is not a file id');
      expect(words.stderr).toContain('no file with id 99999');
    }
  });
});
