/**
 * While photos with `.xmp` pipes (mkfifo) beside them are read, `pixdrop serve`'s web host keeps
 * answering: its page (read from disk through Node's thread pool) and its API. Before, each pipe held a
 * thread-pool thread waiting for a writer; with four held, every file read of the process waited too.
 */
import { execFileSync } from 'node:child_process';
import { constants, closeSync, copyFileSync, mkdirSync, openSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../../src/main/engine/types';
import { startDemoWebHost, type DemoWebHost } from '../../helpers/demo-web-host';
import { fixturesDir, waitFor } from '../../helpers';

let host: DemoWebHost;
let engine: Engine;
let base: string;
let token: string;
let fifos: string[] = [];
let folder: string;

beforeAll(async () => {
  host = await startDemoWebHost('pixdrop-fifo-serve-');
  ({ engine, base, token } = host);
  folder = path.join(host.dataDir, 'Pipes');
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
  await host?.close();
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
