/**
 * While photos with `.xmp` pipes (mkfifo) beside them are read, `pixdrop serve`'s web host keeps
 * answering: its page (read from disk through Node's thread pool) and its API. Before, each pipe held a
 * thread-pool thread waiting for a writer; with four held, every file read of the process waited too.
 */
import { execFileSync } from 'node:child_process';
import { constants, closeSync, copyFileSync, mkdirSync, openSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../../src/main/engine';
import { demoServicesFor } from '../../../src/main/localstack/services';
import { resolveConfig } from '../../../src/main/engine/config';
import { silentLogger } from '../../../src/main/engine/logger';
import type { Engine } from '../../../src/main/engine/types';
import { startWebServer, type WebServer } from '../../../src/main/web/server';
import { fixturesDir } from '../../helpers/paths';
import { tempDir } from '../../helpers/stack';

async function waitFor(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

let engine: Engine;
let server: WebServer;
let base: string;
let token: string;
let fifos: string[] = [];
let folder: string;

beforeAll(async () => {
  const dataDir = tempDir('pixdrop-fifo-serve-');
  const rendererDir = path.join(dataDir, 'renderer');
  mkdirSync(rendererDir);
  writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>PixDrop</title><div id="root"></div>');
  folder = path.join(dataDir, 'Pipes');
  mkdirSync(folder);
  const cameras = path.join(fixturesDir, 'cameras');
  readdirSync(cameras)
    .filter((n) => n.endsWith('.jpg'))
    .sort()
    .slice(0, 5)
    .forEach((name, i) => {
      copyFileSync(path.join(cameras, name), path.join(folder, `IMG_000${i + 1}.jpg`));
      const fifo = path.join(folder, `IMG_000${i + 1}.xmp`);
      execFileSync('mkfifo', [fifo]);
      fifos.push(fifo);
    });
  const config = resolveConfig({ env: { PIXDROP_DATA_DIR: dataDir } });
  engine = await createEngine({ config, logger: silentLogger, startServices: demoServicesFor(config, silentLogger) });
  await engine.start();
  server = await startWebServer({ engine, port: 0, logger: silentLogger, rendererDir });
  const url = new URL(server.url);
  base = `${url.protocol}//${url.host}`;
  token = new URLSearchParams(url.hash.slice(1)).get('token')!;
});

afterAll(async () => {
  // A reader still blocked on a pipe (the behaviour this test guards against) is let go: a writer comes and goes.
  for (const fifo of fifos) {
    try {
      closeSync(openSync(fifo, constants.O_WRONLY | constants.O_NONBLOCK));
    } catch {
      // no reader waiting on it: nothing to let go
    }
  }
  await server?.close();
  await engine?.stop();
});

const withinSeconds = <T>(seconds: number, what: string, work: Promise<T>) =>
  Promise.race([work, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`${what}: no answer within ${seconds} s`)), seconds * 1000))]);

describe('pipes named like sidecars, while serve runs', () => {
  it('the page and the API answer while the photos are read, and every photo is uploaded', async () => {
    const queued = await engine.enqueuePaths([folder], { albumFromFolder: true });
    expect(queued.queued).toBe(5);
    // Every photo taken up for reading (its sidecar opened), before the host is asked anything.
    await waitFor(
      async () => {
        const page = await engine.listJobs({ filter: 'all', limit: 100 });
        return page.ok && page.value.jobs.every((j) => j.status !== 'queued' || j.publicId !== null);
      },
      10_000,
      'every photo to be read',
    );
    const page = await withinSeconds(
      5,
      'the page',
      fetch(`${base}/`).then((r) => r.text()),
    );
    expect(page).toContain('<title>PixDrop</title>');
    const status = await withinSeconds(
      5,
      'getStatus',
      fetch(`${base}/api/getStatus`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
        body: '{"args":[]}',
      }),
    );
    expect(status.status).toBe(200);
    await withinSeconds(30, 'the uploads', engine.waitUntilSettled(queued.jobIds));
    const jobs = await engine.listJobs({ filter: 'all', limit: 100 });
    expect(jobs.ok && jobs.value.jobs.map((j) => j.status)).toEqual(['done', 'done', 'done', 'done', 'done']);
  }, 60_000);
});
