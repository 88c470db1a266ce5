/**
 * `pixdrop doctor` against the real local servers: versions, configuration without secrets, each
 * server reached with its timing, the clock compared with the servers' Date header, the data dir's
 * health and the last errors. A clock two hours behind (PIXDROP_CLOCK_OFFSET_MS, tests only) is
 * named precisely by `doctor`, by `upload` before it queues anything, and by the first upload
 * Cloudinary refuses as a "Stale request".
 */
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/cli';
import { fixturesDir, repoRoot, requireBuiltCli } from '../../helpers/paths';
import { CLOUD, startTestStack, tempDir, type TestStack } from '../../helpers/stack';

const TWO_HOURS_BEHIND = String(-2 * 3600 * 1000);
const pkg = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string };

interface Report {
  ok: boolean;
  versions: Record<string, string | null>;
  config: Record<string, unknown>;
  servers: { name: string; ok: boolean; status: number | null; ms: number | null; skew_ms: number | null; message: string }[];
  clock: { ok: boolean; skew_ms: number | null; message: string };
  data_dir: { ok: boolean; writable: boolean; integrity: string; free_bytes: number; library_bytes: number };
  last_errors: string[];
  crash_dumps: { dir: string; count: number; newestAt: number | null };
  problems: string[];
}

describe('pixdrop doctor', () => {
  let stack: TestStack;
  beforeAll(async () => {
    requireBuiltCli();
    stack = await startTestStack();
  });
  afterAll(() => stack?.close());
  const envFor = (name: string, extra: NodeJS.ProcessEnv = {}) => ({ ...stack.env, PIXDROP_DATA_DIR: path.join(stack.dir, name), ...extra });

  it('reports versions, the configuration without secrets, both servers with timings, the clock and the data dir', async () => {
    const env = envFor('healthy');
    await runCli(['upload', path.join(fixturesDir, 'orientation'), '--album-from-folder'], env);
    const run = await runCli(['doctor', '--json'], env);
    expect(run.code, run.stdout).toBe(0);
    const report = JSON.parse(run.stdout) as Report;
    expect(report.versions).toMatchObject({ pixdrop: pkg.version, node: process.versions.node, sqlite: expect.stringMatching(/^3\.\d+/) });
    expect(report.config).toMatchObject({
      mode: 'local signing',
      backend_url: stack.backend.url,
      token: 'set',
      cloudinary: { cloud_name: CLOUD.cloudName, api_secret: 'set' },
    });
    expect(report.servers.map((s) => [s.name, s.ok])).toEqual([
      ['Cloudinary', true],
      ['the album backend', true],
    ]);
    for (const server of report.servers) expect(server.ms).toBeGreaterThanOrEqual(0);
    expect(report.servers.find((s) => s.name === 'the album backend')?.status).toBe(200);
    expect(report.clock).toMatchObject({ ok: true });
    expect(Math.abs(report.clock.skew_ms!)).toBeLessThan(2_000);
    expect(report.data_dir).toMatchObject({ ok: true, writable: true, integrity: 'ok' });
    expect(report.data_dir.library_bytes).toBeGreaterThan(0);
    expect(report.problems).toEqual([]);
    for (const secret of [CLOUD.apiSecret, stack.token, CLOUD.apiKey]) expect(run.stdout).not.toContain(secret);
    const plain = await runCli(['doctor'], env);
    expect(plain.stdout).toMatch(/✓ Cloudinary .* answered in \d+ ms/);
    expect(plain.stdout).toContain('No problem found.');
  });

  it('says how many uploads a run starts at once, and why the clock is not compared in demo mode', async () => {
    const demo: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, PIXDROP_DATA_DIR: path.join(stack.dir, 'demo-doctor') };
    const plain = await runCli(['doctor'], demo);
    expect(plain.stdout).toContain('uploads        adaptive: starts at 6 at once, then 1–16 as the line allows');
    expect(plain.stdout).toMatch(/ clock +Not compared in demo mode: the local servers run inside PixDrop on this computer/);
    const report = JSON.parse((await runCli(['doctor', '--json'], demo)).stdout) as Report;
    expect(report.config).toMatchObject({ mode: 'demo', concurrency: 6, concurrency_adaptive: true });
    expect(report.clock.message).toContain('Not compared in demo mode');
    const pinned = await runCli(['doctor'], { ...demo, PIXDROP_CONCURRENCY: '4' });
    expect(pinned.stdout).toContain('uploads        4 at once (set)');
  });

  it('names a clock two hours behind precisely: doctor, upload before queueing, and a refused upload', { timeout: 60_000 }, async () => {
    const env = envFor('clock', { PIXDROP_CLOCK_OFFSET_MS: TWO_HOURS_BEHIND });
    const doctor = await runCli(['doctor', '--json'], env);
    expect(doctor.code).toBe(1);
    const report = JSON.parse(doctor.stdout) as Report;
    expect(report.clock.ok).toBe(false);
    expect(report.clock.skew_ms! / 3_600_000).toBeCloseTo(2, 2);
    expect(report.problems).toContainEqual(expect.stringMatching(/clock is 2 h 0 min behind Cloudinary's.*Set the date, time and time zone right/));

    const upload = await runCli(['upload', path.join(fixturesDir, 'orientation'), '--album-from-folder', '--json'], env);
    expect(upload.code).toBe(2);
    expect(upload.stderr.trim().split('\n')).toHaveLength(1);
    expect(upload.stderr).toMatch(/Stale request.*2 h 0 min behind Cloudinary's.*Nothing was queued/);
    expect(JSON.parse((await runCli(['status', '--json'], env)).stdout)).toMatchObject({ total: 0 });

    // The engine on its own (the app, or a clock that jumped after the check): the first failure says why.
    const { createEngine } = await import('../../../src/main/engine');
    const { resolveConfig } = await import('../../../src/main/engine/config');
    const { silentLogger } = await import('../../../src/main/engine/logger');
    const engineEnv = envFor('clock-engine');
    mkdirSync(engineEnv.PIXDROP_DATA_DIR, { recursive: true });
    const folder = path.join(tempDir('pixdrop-clock-'), 'Clock');
    cpSync(path.join(fixturesDir, 'orientation'), folder, { recursive: true });
    const engine = await createEngine({ config: resolveConfig({ env: engineEnv }), logger: silentLogger, clock: { now: () => Date.now() - 2 * 3600 * 1000 } });
    try {
      await engine.start();
      const { jobIds } = await engine.enqueuePaths([folder], { albumFromFolder: true });
      await engine.waitUntilSettled(jobIds);
      const failed = await engine.listJobs({ filter: 'failed' });
      expect(failed.ok && failed.value.total).toBe(jobIds.length);
      const first = failed.ok ? failed.value.jobs[0].error : null;
      expect(first?.message).toMatch(
        /^Cloudinary refuses uploads signed more than an hour ago \(Stale request\), and this computer's clock is 2 h 0 min behind Cloudinary's/,
      );
      expect(first?.message).not.toContain('Check the file');
    } finally {
      await engine.stop();
    }
  });

  it('shows the proxy in use with its password masked', async () => {
    const run = await runCli(['doctor', '--json'], envFor('proxy-shown', { HTTPS_PROXY: 'http://ann:pr0xy-pa55@127.0.0.1:9', NO_PROXY: '127.0.0.1' }));
    const report = JSON.parse(run.stdout) as Report;
    expect(report.config.proxy).toMatchObject({ https: 'http://***:***@127.0.0.1:9', no_proxy: '127.0.0.1' });
    expect(run.stdout).not.toContain('pr0xy-pa55');
    expect(report.servers.every((s) => s.ok)).toBe(true); // NO_PROXY: reached directly
  });

  it('says which server cannot be reached, and a refused token', async () => {
    const closed = await runCli(['doctor', '--json'], envFor('unreachable', { PIXDROP_API_URL: 'http://127.0.0.1:9' }));
    expect(closed.code).toBe(1);
    const unreachable = JSON.parse(closed.stdout) as Report;
    expect(unreachable.problems).toContainEqual(
      expect.stringMatching(/the album backend at http:\/\/127\.0\.0\.1:9\/api\/v1\/albums cannot be reached \(ECONNREFUSED\)/),
    );
    expect(unreachable.servers.find((s) => s.name === 'Cloudinary')?.ok).toBe(true);

    const refused = await runCli(['doctor', '--json'], envFor('bad-token', { PIXDROP_API_TOKEN: 'not-a-valid-token' }));
    expect(refused.code).toBe(1);
    expect((JSON.parse(refused.stdout) as Report).problems).toContainEqual(expect.stringMatching(/refused the token \(HTTP 401\)/));
  });

  it('shows the last errors from the log, and a configuration that does not resolve', async () => {
    const env = envFor('errors');
    const run = await runCli(['upload', path.join(fixturesDir, 'broken'), '--album-from-folder'], env);
    expect(run.code).toBe(1);
    const report = JSON.parse((await runCli(['doctor', '--json'], env)).stdout) as Report;
    expect(report.last_errors.some((l) => /fail after EMPTY_FILE.*MADE-empty-0-bytes\.jpg/.test(l))).toBe(true);
    expect(report.last_errors.join('\n')).not.toContain(stack.token);

    const bad = await runCli(['doctor', '--json'], { ...env, PIXDROP_CHUNK_SIZE: '1000' });
    expect(bad.code).toBe(1);
    const badReport = JSON.parse(bad.stdout) as Report;
    expect(badReport.config).toEqual({ error: expect.stringMatching(/PIXDROP_CHUNK_SIZE/) });
    expect(badReport.data_dir.ok).toBe(true);
  });

  it("summarises the desktop app's local crash dumps: how many, where, the newest", async () => {
    const env = envFor('crashes');
    const none = JSON.parse((await runCli(['doctor', '--json'], env)).stdout) as Report;
    expect(none.crash_dumps).toEqual({ dir: path.join(stack.dir, 'crashes', 'crash-dumps'), count: 0, newestAt: null });
    expect((await runCli(['doctor'], env)).stdout).toMatch(/^ {2}crash dumps +none \(/m);

    const completed = path.join(stack.dir, 'crashes', 'crash-dumps', 'completed');
    mkdirSync(completed, { recursive: true });
    for (const name of ['a.dmp', 'b.dmp']) writeFileSync(path.join(completed, name), 'MDMP');
    writeFileSync(path.join(completed, 'settings.dat'), 'not a dump');
    const two = JSON.parse((await runCli(['doctor', '--json'], env)).stdout) as Report;
    expect(two.crash_dumps).toMatchObject({ count: 2, newestAt: expect.any(Number) });
    expect((await runCli(['doctor'], env)).stdout).toMatch(
      /^ {2}crash dumps +2 in .*crash-dumps, newest \d{4}-\d{2}-\d{2}T.* \(kept on this computer, never sent\)$/m,
    );
  });
});
