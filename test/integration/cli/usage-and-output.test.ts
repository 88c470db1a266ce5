/**
 * What a person types wrong and where the output goes, through the built CLI: help when no command is given,
 * watch's own help and errors, dates that are not on the calendar or a range that holds nothing, a `serve`
 * port already taken, and stdout closed by its reader (`| head -1`).
 */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, type CliResult } from '../../helpers/cli';
import { cliPath, repoRoot, requireBuiltCli } from '../../helpers/paths';
import { startTestStack, type TestStack } from '../../helpers/stack';
import { makePhotos, smallBatch } from '../survival/harness';

/** The CLI with its stdout closed by the reader before it prints anything, as `| head -1` ends up doing. */
function withClosedStdout(args: string[], env: NodeJS.ProcessEnv): Promise<CliResult> {
  const child = spawn(process.execPath, [cliPath, ...args], { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.destroy();
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  return new Promise((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stdout: '', stderr, peakRss: null })));
}

/** `2>&1 | head -1`: one pipe for both, whose reader went away. Only how the process ended can be seen. */
function withClosedOutputs(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  const child = spawn(process.execPath, [cliPath, ...args], { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.destroy();
  child.stderr.destroy();
  return new Promise((resolve) => child.on('close', (code, signal) => resolve({ code, signal })));
}

describe('usage and output', () => {
  let stack: TestStack;
  let shoot: string;
  beforeAll(async () => {
    requireBuiltCli();
    stack = await startTestStack();
    shoot = path.join(stack.dir, 'shoot');
    makePhotos(shoot, smallBatch(3, 50_000));
  });
  afterAll(() => stack?.close());

  it('prints the help, line by line, when no command is given', async () => {
    const run = await runCli([], stack.env);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^Usage: pixdrop \[options\] \[command\]\n/);
    expect(run.stderr).toMatch(/\n {2}upload \[options\] \[path\.\.\.\] /);
    const wrong = await runCli(['upload', '--bogus'], stack.env);
    expect(wrong.stderr).toBe("pixdrop: unknown option '--bogus'\n");
  });

  it('watch: its help offers no --dry-run, a missing folder names watch, a file is refused', async () => {
    const help = await runCli(['watch', '--help'], stack.env);
    expect(help.stdout).toContain('--album-from-folder');
    expect(help.stdout).not.toContain('--dry-run');
    expect((await runCli(['upload', '--help'], stack.env)).stdout).toContain('--dry-run');
    const none = await runCli(['watch', '--album-from-folder'], stack.env);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('`pixdrop watch ');
    expect(none.stderr).not.toContain('pixdrop upload');
    const file = path.join(shoot, 'IMG_0001.jpg');
    const onFile = await runCli(['watch', file, '--album-from-folder'], stack.env);
    expect(onFile.code).toBe(2);
    expect(onFile.stderr).toContain(`"${file}" is a file; watch follows folders`);
    const watches = await runCli(['watches', '--json'], stack.env);
    expect(watches.stdout).not.toContain('IMG_0001.jpg');
  });

  it('refuses a day that is not on the calendar, and a range that holds no day', async () => {
    for (const [flags, said] of [
      [['--from', '2015-13-01'], '--from "2015-13-01" is no such day'],
      [['--from', '2015-02-30'], '--from "2015-02-30" is no such day'],
      [['--to', '2016-02-29T24:00'], '--to "2016-02-29T24:00" is no such day or time'],
      [['--from', '2016-01-01', '--to', '2010-01-01'], '--from 2016-01-01 is after --to 2010-01-01'],
    ]) {
      const run = await runCli(['upload', shoot, '--album-from-folder', '--dry-run', ...flags], stack.env);
      expect(run.code, run.stdout).toBe(2);
      expect(run.stderr).toContain(said);
    }
    const leapDay = await runCli(['upload', shoot, '--album-from-folder', '--dry-run', '--from', '2016-02-29', '--to', '2016-02-29'], stack.env);
    expect(leapDay.code, leapDay.stderr).toBe(0);
  });

  it('says a serve port is taken, and what to do', async () => {
    const other = createServer();
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
    const port = (other.address() as { port: number }).port;
    try {
      const run = await runCli(['serve', '--port', String(port)], stack.env);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(`port ${port} on 127.0.0.1 is taken by another program. Give another --port, or leave --port out`);
      expect(run.stderr).not.toContain('Unexpected');
    } finally {
      other.close();
    }
  });

  it('ends quietly when the reader of its output goes away', async () => {
    writeFileSync(path.join(shoot, 'notes.txt'), 'not a photo');
    const upload = await withClosedStdout(['upload', shoot, '--album-from-folder'], stack.env);
    expect(upload.stderr).toContain('The output was closed');
    expect(upload.stderr).toContain('Progress is saved');
    expect(upload.stderr).not.toContain('EPIPE');
    expect(upload.stderr).not.toMatch(/Unexpected error|report it/);
    // Both outputs gone (2>&1 | head -1): it stops the same way, never aborted (it was SIGABRT, exit 134).
    expect(await withClosedOutputs(['upload', shoot, '--album-from-folder', '--bwlimit', '100k'], stack.env)).toEqual({ code: 1, signal: null });
    const status = await withClosedStdout(['status'], stack.env);
    expect(status.code, status.stderr).toBe(0);
    expect(status.stderr).toBe('');
    const again = await runCli(['upload', shoot, '--album-from-folder'], stack.env);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/done: \d+ uploaded, \d+ already in the album, 0 failed/);
  });
});
