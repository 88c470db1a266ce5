/**
 * What a run says, through the built CLI and the real local servers: a failure names its file once, files
 * queued before the run (retried) that it also tried are said, a refused token is said once, and a piped
 * run whose backend cannot be reached says that it waits.
 */
import { createServer } from 'node:net';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, startCli } from '../../helpers/cli';
import { stackWithShootEach } from '../../helpers/stack';
import { makePhotos, smallBatch, waitFor } from '../survival/harness';

const count = (text: string, part: string) => text.split(part).length - 1;

describe('run messages', () => {
  const s = stackWithShootEach({ fill: (shoot) => makePhotos(shoot, smallBatch(2, 50_000)) });

  it('names a failed file once, in the run and in status', async () => {
    const notes = path.join(s.shoot, 'notes.jpg');
    writeFileSync(notes, 'these are notes, not a photo');
    const run = await runCli(['upload', s.shoot, '--album-from-folder'], s.stack.env);
    expect(run.code).toBe(1);
    const line = run.stderr.split('\n').find((l) => l.startsWith('failed') && l.includes(notes));
    expect(line, run.stderr).toBeDefined();
    expect(count(line!, notes)).toBe(1);
    const status = await runCli(['status'], s.stack.env);
    const row = status.stdout.split('\n').find((l) => l.includes(notes));
    expect(row, status.stdout).toBeDefined();
    expect(count(row!, notes)).toBe(1);
  });

  it('says which files queued before the run it also tried, and how they ended', async () => {
    const notes = path.join(s.shoot, 'notes.jpg');
    writeFileSync(notes, 'these are notes, not a photo');
    expect((await runCli(['upload', s.shoot, '--album-from-folder'], s.stack.env)).code).toBe(1);
    expect((await runCli(['retry', '--all'], s.stack.env)).code).toBe(0);
    const other = path.join(s.stack.dir, 'Other');
    makePhotos(other, smallBatch(1, 60_000), 77);
    const run = await runCli(['upload', other, '--album-from-folder'], s.stack.env);
    expect(run.stdout).toMatch(/done: 1 uploaded, 0 already in the album, 0 failed/);
    expect(run.stderr).toContain('also tried 1 file(s) queued before it (e.g. by `pixdrop retry`): 0 uploaded, 1 failed; `pixdrop status` lists them.');
  });

  it('says a refused token once', async () => {
    const expired = await s.stack.backend.issueToken({ userId: 'photographer-1', expiresInSeconds: -60 });
    const run = await runCli(['upload', s.shoot, '--album-from-folder'], { ...s.stack.env, PIXDROP_API_TOKEN: expired });
    expect(run.code).not.toBe(0);
    const lines = run.stderr.split('\n').filter((l) => /token/i.test(l));
    expect(lines, run.stderr).toHaveLength(1);
  });

  it('says once, when piped, that it waits for a backend it cannot reach', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as { port: number }).port;
    await new Promise((resolve) => closed.close(resolve));
    const run = startCli(['upload', s.shoot, '--album-from-folder'], { ...s.stack.env, PIXDROP_API_URL: `http://127.0.0.1:${port}` });
    let stderr = '';
    run.child.stderr?.on('data', (d) => (stderr += d));
    await waitFor(() => stderr.includes('cannot be reached'), 30_000, 'the waiting line');
    run.child.kill('SIGINT');
    const done = await run.done;
    expect(count(done.stderr, 'cannot be reached')).toBe(1);
    expect(done.stderr).toContain('the upload goes on by itself once it is back');
  });
});
