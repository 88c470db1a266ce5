/**
 * Who gets into a real `pixdrop serve` (the built CLI, demo mode), probed with raw sockets as any
 * local process could: every route but the static page needs the session token, however its path
 * is spelled, and the token is accepted only from a header, never from the request line.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireBuiltCli } from '../../helpers/paths';
import { startCli, type RunningCli } from '../../helpers/cli';
import { rawRequest, requestText, upgradeHeaders } from '../../helpers/raw-http';
import { tempDir } from '../../helpers/stack';

let serve: RunningCli;
let port: number;
let token: string;

beforeAll(async () => {
  requireBuiltCli();
  const env: NodeJS.ProcessEnv = { ...process.env, PIXDROP_DATA_DIR: tempDir('pixdrop-access-') };
  for (const name of ['CLOUDINARY_URL', 'CLOUDINARY_UPLOAD_PREFIX', 'PIXDROP_API_URL', 'PIXDROP_API_TOKEN']) delete env[name];
  serve = startCli(['serve', '--port', '0'], env);
  const address = await new Promise<URL>((resolve, reject) => {
    const timer = setInterval(() => {
      const match = /http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]+/.exec(serve.stdout());
      if (match) {
        clearInterval(timer);
        resolve(new URL(match[0]));
      }
    }, 50);
    void serve.done.then((r) => (clearInterval(timer), reject(new Error(`serve exited ${r.code}: ${r.stderr}`))));
  });
  port = Number(address.port);
  token = new URLSearchParams(address.hash.slice(1)).get('token')!;
}, 60_000);

afterAll(async () => {
  serve?.child.kill('SIGINT');
  await serve?.done;
});

const settingsCall = (target: string, headers: Record<string, string> = {}) =>
  rawRequest(port, requestText({ method: 'POST', target, port, headers, body: '{"args":[]}' }));

describe('pixdrop serve: access decided on the route that answers', () => {
  it('answers the API with the token in the Authorization header (the probes below are not vacuous)', async () => {
    const answer = await settingsCall('/api/getSettings', { Authorization: `Bearer ${token}` });
    expect(answer.status).toBe(200);
    expect(answer.body).toContain('"demoMode":true');
  });

  it.each([
    ['/%61pi/getSettings'],
    ['/%61%70%69/getSettings'],
    ['/api/%67etSettings'],
    ['/api/getSettings?token=wrong'],
    ['/%2561pi/getSettings'],
    ['/%61pi%2fgetSettings'],
    ['/api//getSettings'],
    ['/.%2e/api/getSettings'],
    ['/API/getSettings'],
  ])('refuses POST %s without the token (401)', async (target) => {
    const answer = await settingsCall(target);
    expect(answer.status).toBe(401);
    expect(answer.body).not.toContain('demoMode');
  });

  it('refuses the event stream spelled /%65vents without the token (401, no upgrade)', async () => {
    const answer = await rawRequest(port, requestText({ method: 'GET', target: '/%65vents', port, headers: upgradeHeaders() }));
    expect(answer.status).toBe(401);
  });

  it('refuses a thumbnail spelled /%6dedia/thumbnail/1 without the token (401)', async () => {
    const answer = await rawRequest(port, requestText({ method: 'GET', target: '/%6dedia/thumbnail/1', port }));
    expect(answer.status).toBe(401);
  });

  it('refuses an absolute-form (or asterisk-form) request target, even naming this server (400)', async () => {
    for (const target of [`http://127.0.0.1:${port}/api/getSettings`, `http://127.0.0.1:${port}/%61pi/getSettings`, '*']) {
      const answer = await settingsCall(target);
      expect(answer.status).toBe(400);
      expect(answer.body).not.toContain('demoMode');
    }
  });

  it('still serves the page itself without the token', async () => {
    const answer = await rawRequest(port, requestText({ method: 'GET', target: '/', port }));
    expect(answer.status).toBe(200);
    expect(answer.headers['content-security-policy']).toContain("default-src 'none'");
  });
});

describe('pixdrop serve: the session token never travels in a request line', () => {
  it('ignores ?token= on the API, the event stream and thumbnails (401)', async () => {
    expect((await settingsCall(`/api/getSettings?token=${token}`)).status).toBe(401);
    const socket = await rawRequest(port, requestText({ method: 'GET', target: `/events?token=${token}`, port, headers: upgradeHeaders() }));
    expect(socket.status).toBe(401);
    const thumbnail = await rawRequest(port, requestText({ method: 'GET', target: `/media/thumbnail/1?token=${token}`, port }));
    expect(thumbnail.status).toBe(401);
  });

  it('opens the event stream with the token offered as a WebSocket subprotocol, and names only "pixdrop" back', async () => {
    const answer = await rawRequest(
      port,
      requestText({ method: 'GET', target: '/events', port, headers: upgradeHeaders({ 'Sec-WebSocket-Protocol': `pixdrop, pixdrop.token.${token}` }) }),
    );
    expect(answer.status).toBe(101);
    expect(answer.headers['sec-websocket-protocol']).toBe('pixdrop');
  });

  it('serves a thumbnail request with the header token past the guard (404: no such photo yet)', async () => {
    const answer = await rawRequest(port, requestText({ method: 'GET', target: '/media/thumbnail/1', port, headers: { Authorization: `Bearer ${token}` } }));
    expect(answer.status).toBe(404);
  });
});

describe('pixdrop serve --open', () => {
  it('starts the browser with a one-time launch link, not the token; the link opens the page once', async () => {
    // A stand-in for xdg-open/open on PATH that records the command line it was given.
    const dir = tempDir('pixdrop-open-');
    const argvFile = path.join(dir, 'argv.txt');
    for (const name of ['xdg-open', 'open']) {
      writeFileSync(path.join(dir, name), `#!/bin/sh\nprintf '%s\\n' "$@" > '${argvFile}'\n`, { mode: 0o755 });
    }
    const env: NodeJS.ProcessEnv = { ...process.env, PATH: `${dir}:${process.env.PATH}`, PIXDROP_DATA_DIR: path.join(dir, 'data') };
    for (const name of ['CLOUDINARY_URL', 'CLOUDINARY_UPLOAD_PREFIX', 'PIXDROP_API_URL', 'PIXDROP_API_TOKEN']) delete env[name];
    const opened = startCli(['serve', '--port', '0', '--open'], env);
    try {
      await expect.poll(() => existsSync(argvFile) && readFileSync(argvFile, 'utf8').includes('\n'), { timeout: 30_000 }).toBe(true);
      const printed = new URL(/http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]+/.exec(opened.stdout())![0]);
      const sessionToken = new URLSearchParams(printed.hash.slice(1)).get('token')!;
      const argv = readFileSync(argvFile, 'utf8').trim();
      expect(argv).not.toContain(sessionToken);
      const launch = new URL(argv);
      expect(launch.pathname).toMatch(/^\/launch\/[\w-]{20,}$/);

      const openPort = Number(launch.port);
      const first = await rawRequest(openPort, requestText({ method: 'GET', target: launch.pathname, port: openPort }));
      expect(first.status).toBe(303);
      expect(first.headers.location).toBe(`/#token=${sessionToken}`);
      const again = await rawRequest(openPort, requestText({ method: 'GET', target: launch.pathname, port: openPort }));
      expect(again.status).toBe(410);
      expect(again.body).toContain('already used or has expired');
      expect(again.body).not.toContain(sessionToken);
    } finally {
      opened.child.kill('SIGINT');
      await opened.done;
    }
  }, 60_000);
});
