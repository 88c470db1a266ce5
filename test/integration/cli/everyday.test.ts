/**
 * The everyday command line (contract §1): --version, shell completion that real shells load and
 * answer from, the watch list (`watches`, `unwatch`, also while a `watch` runs), a wrong --album
 * said once before scanning, and a summary whose bytes are only those actually sent.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ndjson, runCli, startCli } from '../../helpers/cli';
import { cliPath, fixturesDir, repoRoot, requireBuiltCli } from '../../helpers/paths';
import { startTestStack, tempDir, type TestStack } from '../../helpers/stack';
import { makePhotos } from '../survival/harness';

const pkg = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string };
const has = (shell: string) => spawnSync('sh', ['-c', `command -v ${shell}`]).status === 0;

async function until(check: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('everyday CLI', () => {
  let stack: TestStack;
  beforeAll(async () => {
    requireBuiltCli();
    stack = await startTestStack();
  });
  afterAll(() => stack?.close());

  it('prints its version', async () => {
    for (const flag of ['--version', '-V']) {
      const run = await runCli([flag], stack.env);
      expect(run.code).toBe(0);
      expect(run.stdout.trim()).toBe(pkg.version);
    }
  });

  describe('shell completion, generated from the commands themselves', () => {
    const script = (shell: string) => {
      const file = path.join(tempDir('pixdrop-completion-'), shell === 'zsh' ? '_pixdrop' : `pixdrop.${shell}`);
      writeFileSync(file, execFileSync(process.execPath, [cliPath, 'completion', shell], { encoding: 'utf8' }));
      return file;
    };

    it('bash completes commands, the options of a command and the choices of an argument', () => {
      const file = script('bash');
      const complete = (...words: string[]) =>
        execFileSync(
          'bash',
          [
            '-c',
            `source ${file}; COMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length - 1}; _pixdrop; printf '%s\\n' "\${COMPREPLY[@]}"`,
          ],
          { encoding: 'utf8' },
        )
          .split('\n')
          .filter(Boolean);
      expect(complete('pixdrop', 'wat')).toEqual(['watch', 'watches']);
      expect(complete('pixdrop', 'upload', '--al')).toEqual(['--album', '--album-from-folder']);
      expect(complete('pixdrop', 'upload', '--bw')).toEqual(['--bwlimit']);
      expect(complete('pixdrop', 'completion', '')).toEqual(['bash', 'zsh', 'fish']);
      expect(complete('pixdrop', '--ver')).toEqual(['--version']);
    });

    it('fish completes commands and options', (ctx) => {
      if (!has('fish')) return ctx.skip('fish is not installed (apt-get install fish)');
      const file = script('fish');
      const complete = (line: string) =>
        execFileSync('fish', ['-c', `source ${file}; complete -C '${line}'`], { encoding: 'utf8' })
          .split('\n')
          .filter(Boolean)
          .map((l) => l.split('\t')[0]);
      expect(complete('pixdrop unw')).toEqual(['unwatch']);
      expect(complete('pixdrop upload --album')).toEqual(['--album', '--album-from-folder']);
      expect(complete('pixdrop completion ').sort()).toEqual(['bash', 'fish', 'zsh']);
    });

    it('zsh loads it as the completion of pixdrop, from fpath and sourced', (ctx) => {
      if (!has('zsh')) return ctx.skip('zsh is not installed (apt-get install zsh)');
      const file = script('zsh');
      const dump = path.join(tempDir('pixdrop-zcompdump-'), 'dump');
      expect(execFileSync('zsh', ['-n', file]).toString()).toBe('');
      const viaFpath = execFileSync(
        'zsh',
        ['-fc', `fpath=(${path.dirname(file)} $fpath); autoload -U compinit; compinit -u -d ${dump}; print -r -- $_comps[pixdrop]`],
        { encoding: 'utf8' },
      );
      const sourced = execFileSync('zsh', ['-fc', `autoload -U compinit; compinit -u -d ${dump}2; source ${file}; print -r -- $_comps[pixdrop]`], {
        encoding: 'utf8',
      });
      expect([viaFpath.trim(), sourced.trim()]).toEqual(['_pixdrop', '_pixdrop']);
    });
  });

  it('lists the watched folders and unwatches one, also while `pixdrop watch` runs', { timeout: 60_000 }, async () => {
    const env = { ...stack.env, PIXDROP_DATA_DIR: path.join(stack.dir, 'watch-data') };
    const folder = path.join(tempDir('pixdrop-watched-'), 'Holiday');
    cpSync(path.join(fixturesDir, 'orientation'), folder, { recursive: true });
    const watch = startCli(['watch', folder, '--album-from-folder', '--json'], env);
    try {
      await until(() => watch.stdout().includes(`watching ${folder}`), 'the watch to start');
      const listed = await runCli(['watches', '--json'], env);
      expect(listed.code, listed.stderr).toBe(0);
      expect(JSON.parse(listed.stdout)).toEqual([{ id: expect.any(Number), path: folder, album_from_folder: true }]);

      const wrong = await runCli(['unwatch', '/not/watched'], env);
      expect(wrong.code).toBe(2);
      expect(wrong.stderr).toContain('"/not/watched" is not a watched folder');
      expect(wrong.stderr).toContain(folder);

      const removed = await runCli(['unwatch', `${folder}/`], env);
      expect(removed.code, removed.stderr).toBe(0);
      expect(removed.stdout).toContain(`stopped watching ${folder}`);
      expect(JSON.parse((await runCli(['watches', '--json'], env)).stdout)).toEqual([]);
      // The running watch lets go of the folder (it says so in its log).
      const log = path.join(env.PIXDROP_DATA_DIR!, 'logs', 'pixdrop.log');
      await until(
        () => existsSync(log) && readFileSync(log, 'utf8').includes(`${folder} was removed from the watch list`),
        'the running watch to drop the folder',
      );
    } finally {
      watch.child.kill('SIGINT');
      await watch.done;
    }
    const plain = await runCli(['watches'], env);
    expect(plain.stdout).toContain('No watched folders');
  });

  it.each([
    [['--concurrency', '17'], /PIXDROP_CONCURRENCY \(--concurrency\) must be a whole number from 1 to 16/],
    [['--bwlimit', 'fast'], /PIXDROP_BWLIMIT \(--bwlimit\) must be a rate such as 2M, 500k, 10Mbit/],
    [['--bwlimit', '08:00,1M 25:00,off'], /"25:00,off" has no such time of day/],
  ])('refuses %j with one line and exit 2', async (flags, message) => {
    const run = await runCli(['upload', path.join(fixturesDir, 'cameras'), '--album', 'x', ...flags], stack.env);
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(message);
  });

  it('says once, before scanning, that an --album id does not exist, and exits 2', async () => {
    const env = { ...stack.env, PIXDROP_DATA_DIR: path.join(stack.dir, 'wrong-album') };
    const run = await runCli(['upload', path.join(fixturesDir, 'cameras'), '--album', 'no-such-album', '--json'], env);
    expect(run.code).toBe(2);
    const lines = run.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/no album "no-such-album".*pixdrop albums/);
    expect(run.stderr).not.toContain('Check the file');
    expect(ndjson(run.stdout).filter((e) => e.type === 'file-failed')).toEqual([]);
    const status = JSON.parse((await runCli(['status', '--json'], env)).stdout) as { total: number };
    expect(status.total).toBe(0);
  });

  it('counts in the summary only the bytes sent: the same photos into a second album send none', { timeout: 60_000 }, async () => {
    const env = { ...stack.env, PIXDROP_DATA_DIR: path.join(stack.dir, 'bytes') };
    const root = tempDir('pixdrop-bytes-');
    const first = path.join(root, 'First');
    const second = path.join(root, 'Second');
    cpSync(path.join(fixturesDir, 'orientation'), first, { recursive: true });
    cpSync(first, second, { recursive: true });
    const before = stack.cloudinary.stats().bytesReceived;
    const one = await runCli(['upload', first, '--album-from-folder', '--json'], env);
    expect(one.code, one.stderr).toBe(0);
    const sent = stack.cloudinary.stats().bytesReceived - before;
    const summaryOne = ndjson(one.stdout).at(-1) as { uploaded: number; bytes: number };
    expect(summaryOne.uploaded).toBeGreaterThan(0);
    // File bytes only; the server also counts the multipart framing of each request.
    expect(summaryOne.bytes).toBeGreaterThan(0);
    expect(summaryOne.bytes).toBeLessThanOrEqual(sent);

    const two = await runCli(['upload', second, '--album-from-folder', '--json'], env);
    expect(two.code, two.stderr).toBe(0);
    const summaryTwo = ndjson(two.stdout).at(-1) as { uploaded: number; bytes: number };
    expect(summaryTwo.uploaded).toBe(summaryOne.uploaded); // registered in the second album…
    expect(summaryTwo.bytes).toBe(0); // …without sending a byte again
  });

  it('counts for a resumed chunked upload only what this run sent', { timeout: 90_000 }, async () => {
    const CHUNK = 5_242_880;
    const SIZE = 16_000_000; // four chunks
    const env = { ...stack.env, PIXDROP_DATA_DIR: path.join(stack.dir, 'resumed'), PIXDROP_CHUNK_SIZE: String(CHUNK) };
    const folder = path.join(tempDir('pixdrop-resume-bytes-'), 'Resume');
    makePhotos(folder, [{ name: 'BIG.jpg', size: SIZE }], 5);
    const chunksBefore = stack.cloudinary.stats().chunkRequests;
    const first = startCli(['upload', folder, '--album-from-folder', '--json', '--bwlimit', '8M'], env);
    // Killed once two chunks are acknowledged: the library holds 2 × CHUNK confirmed bytes.
    await until(() => stack.cloudinary.stats().chunkRequests - chunksBefore >= 3, 'two acknowledged chunks');
    first.child.kill('SIGKILL');
    await first.done;
    const confirmed = (JSON.parse((await runCli(['status', '--json'], env)).stdout) as { bytes_done: number }).bytes_done;
    expect(confirmed).toBeGreaterThanOrEqual(2 * CHUNK);
    const second = await runCli(['upload', folder, '--album-from-folder', '--json'], env);
    expect(second.code, second.stderr).toBe(0);
    const summary = ndjson(second.stdout).at(-1) as { uploaded: number; bytes: number };
    expect(summary.uploaded).toBe(1);
    expect(summary.bytes).toBe(SIZE - confirmed);
  });
});
