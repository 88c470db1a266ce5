/**
 * `pixdrop serve`'s web host against a real engine in demo mode: only this page, holding the
 * session token, may call the API; calls are validated; events stream over the WebSocket.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { EngineEvent, Result } from '../../../src/shared/api';
import type { Engine } from '../../../src/main/engine/types';
import type { WebServer } from '../../../src/main/web/server';
import { fixturesDir, waitFor } from '../../helpers';
import { startDemoWebHost, type DemoWebHost } from '../../helpers/demo-web-host';

let host: DemoWebHost;
let engine: Engine;
let server: WebServer;
let base: string;
let token: string;

beforeAll(async () => {
  host = await startDemoWebHost('pixdrop-web-');
  ({ engine, server, base, token } = host);
});

afterAll(() => host?.close());

function call(method: string, args: unknown[], headers: Record<string, string> = {}) {
  return fetch(`${base}/api/${method}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}`, ...headers },
    body: JSON.stringify({ args }),
  });
}

describe('pixdrop serve web host', () => {
  it('prints an address on 127.0.0.1 with a long random token in the fragment', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]{40,}$/);
    expect(server.port).toBeGreaterThan(0);
  });

  it('refuses API calls without the token, or with a wrong one (401)', async () => {
    const none = await fetch(`${base}/api/getStatus`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"args":[]}' });
    expect(none.status).toBe(401);
    const wrong = await call('getStatus', [], { Authorization: 'Bearer not-the-token' });
    expect(wrong.status).toBe(401);
  });

  it('refuses a foreign Origin even with the token (403)', async () => {
    const response = await call('listAlbums', [], { Origin: 'https://evil.example' });
    expect(response.status).toBe(403);
  });

  it('refuses a foreign Host header, as after DNS rebinding (403)', async () => {
    const { request } = await import('node:http');
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(
        `${base}/api/getStatus`,
        { method: 'POST', headers: { Host: `evil.example:${server.port}`, Authorization: `Bearer ${token}` } },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.end('{"args":[]}');
    });
    expect(status).toBe(403);
  });

  it('answers bad arguments with a REJECTED Result', async () => {
    const response = await call('getPhoto', ['not-a-number']);
    const result = (await response.json()) as Result<unknown>;
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('REJECTED');
  });

  it('answers an unknown method with a REJECTED Result', async () => {
    const result = (await (await call('dropDatabase', [])).json()) as Result<unknown>;
    expect(result).toMatchObject({ ok: false, error: { code: 'REJECTED' } });
  });

  it('answers a good call with the engine’s value (demo mode status)', async () => {
    const result = (await (await call('getStatus', [], { Origin: base })).json()) as Result<{ demoMode: boolean }>;
    expect(result).toMatchObject({ ok: true, value: { demoMode: true } });
  });

  it('serves the renderer with a strict Content-Security-Policy and no token', async () => {
    const response = await fetch(`${base}/`);
    expect(response.status).toBe(200);
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(await response.text()).toContain('id="root"');
  });

  it('refuses the event stream without the token (401)', async () => {
    const refused = await new Promise<number>((resolve) => {
      const ws = new WebSocket(`${base.replace('http', 'ws')}/events`);
      ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      ws.on('open', () => resolve(101));
    });
    expect(refused).toBe(401);
  });

  it('streams batched events over the WebSocket with the token', async () => {
    const ws = new WebSocket(`${base.replace('http', 'ws')}/events`, ['pixdrop', `pixdrop.token.${token}`], { headers: { Origin: base } });
    const batches: EngineEvent[][] = [];
    ws.on('message', (data) => batches.push(JSON.parse(String(data)) as EngineEvent[]));
    await new Promise((resolve) => ws.on('open', resolve));
    const added = (await (await call('addPaths', [[path.join(fixturesDir, 'cameras')], { albumFromFolder: true }])).json()) as Result<{ queued: number }>;
    expect(added).toMatchObject({ ok: true });
    await engine.waitUntilSettled();
    const seen = (type: EngineEvent['type']) => batches.flat().some((event) => event.type === type);
    await waitFor(() => seen('jobsChanged') && seen('statusChanged'), 10_000, 'job and status events over the WebSocket');
    ws.close();
  });

  it('serves a local photo’s embedded EXIF thumbnail, only with the token', async () => {
    const page = (await (await call('listJobs', [{ filter: 'all', limit: 50 }])).json()) as Result<{ jobs: Array<{ id: number; filename: string }> }>;
    if (!page.ok) throw new Error(page.error.message);
    const withThumb = await Promise.all(
      page.value.jobs.map((job) => fetch(`${base}/media/thumbnail/${job.id}`, { headers: { Authorization: `Bearer ${token}` } })),
    );
    const ok = withThumb.filter((response) => response.status === 200);
    expect(ok.length).toBeGreaterThan(0);
    expect(ok[0].headers.get('content-type')).toMatch(/^image\//);
    expect((await fetch(`${base}/media/thumbnail/${page.value.jobs[0].id}`)).status).toBe(401);
  });
});
