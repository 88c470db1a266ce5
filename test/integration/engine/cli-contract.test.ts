/**
 * The command line as contract §1–§2 describe it, from the outside: demo mode with no
 * configuration at all, exit codes, one clear line for bad configuration, status without network.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ndjson, runCli } from '../../helpers/cli';
import { fixturesDir, requireBuiltCli } from '../../helpers/paths';
import { tempDir } from '../../helpers/stack';

/** An environment with nothing of ours configured. */
function bareEnv(dataDir: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, PIXDROP_DATA_DIR: dataDir };
  for (const key of Object.keys(env)) if (key.startsWith('CLOUDINARY_') || (key.startsWith('PIXDROP_') && key !== 'PIXDROP_DATA_DIR')) delete env[key];
  return env;
}

describe('pixdrop CLI', () => {
  beforeAll(() => requireBuiltCli());

  describe('demo mode (nothing configured)', () => {
    const dataDir = tempDir('pixdrop-demo-');
    const env = bareEnv(dataDir);
    const cameras = path.join(fixturesDir, 'cameras');

    it('uploads every photo of a folder into an album named after it, and exits 0', async () => {
      const run = await runCli(['upload', cameras, '--album-from-folder', '--json'], env);
      expect(run.code, run.stderr).toBe(0);
      expect(run.stderr).toContain('demo mode');
      const events = ndjson(run.stdout);
      expect(events.filter((e) => e.type === 'file-uploaded')).toHaveLength(13);
      expect(events.at(-1)).toMatchObject({ type: 'summary', uploaded: 13, skipped: 0, failed: 0 });
      expect((events.at(-1) as { bytes: number }).bytes).toBeGreaterThan(5_000_000);
    });

    it('lists the album with its photo count', async () => {
      const run = await runCli(['albums', '--json'], env);
      expect(run.code, run.stderr).toBe(0);
      const albums = JSON.parse(run.stdout) as { name: string; images_count: number }[];
      expect(albums.find((a) => a.name === 'cameras')?.images_count).toBe(13);
    });

    it('skips what the album already has on a second run', async () => {
      const run = await runCli(['upload', cameras, '--album-from-folder', '--json'], env);
      expect(run.code, run.stderr).toBe(0);
      expect(ndjson(run.stdout).at(-1)).toMatchObject({ uploaded: 0, skipped: 13, failed: 0 });
    });

    it('reports the queue from the local database', async () => {
      const run = await runCli(['status', '--json'], env);
      expect(run.code).toBe(0);
      const status = JSON.parse(run.stdout) as { total: number; by_status: Record<string, number> };
      expect(status.total).toBe(13);
      expect(status.by_status.done).toBe(13);
    });
  });

  describe('bad usage and configuration exit 2 with one line naming the problem', () => {
    const dataDir = tempDir('pixdrop-conf-');
    const cameras = path.join(fixturesDir, 'cameras');
    const cases: [string, NodeJS.ProcessEnv, string[], RegExp][] = [
      ['chunk size below 5 MiB', { PIXDROP_CHUNK_SIZE: '1000000' }, ['upload', cameras, '--album', 'x'], /PIXDROP_CHUNK_SIZE.*5242880/],
      [
        'malformed CLOUDINARY_URL',
        { CLOUDINARY_URL: 'https://key:secret@cloud', PIXDROP_API_URL: 'http://127.0.0.1:9', PIXDROP_API_TOKEN: 't' },
        ['upload', cameras, '--album', 'x'],
        /CLOUDINARY_URL.*cloudinary:\/\//,
      ],
      ['backend without a token', { PIXDROP_API_URL: 'http://127.0.0.1:9' }, ['upload', cameras, '--album', 'x'], /PIXDROP_API_TOKEN/],
      ['malformed backend URL', { PIXDROP_API_URL: 'albums.example.com' }, ['upload', cameras, '--album', 'x'], /PIXDROP_API_URL.*http/],
      ['no album given', {}, ['upload', cameras], /--album/],
      ['a path that does not exist', {}, ['upload', '/nonexistent/photos', '--album', 'x'], /does not exist/],
      ['an unknown command', {}, ['uplaod', cameras], /unknown command/],
    ];
    it.each(cases)('%s', async (_name, extra, args, message) => {
      const run = await runCli(args, { ...bareEnv(dataDir), ...extra });
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(message);
      expect(run.stderr).not.toContain('secret');
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
    });
  });
});
