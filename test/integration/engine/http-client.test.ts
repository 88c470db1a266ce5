/**
 * The engine's HTTP client against a real server on 127.0.0.1: bodies written piece by piece arrive
 * whole even when the server reads slowly, a connection where nothing moves fails with ETIMEDOUT
 * (classified NETWORK, so it is retried), a failing body ends the request with its own error, and
 * an answer sent before the body was read is still returned.
 */
import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isAnswerTooLarge, readText, sendRequest } from '../../../src/main/engine/net/http-client';
import { classifyNodeError } from '../../../src/main/engine/queue/retry-policy';

type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void;

describe('engine HTTP client (node:http)', () => {
  let server: http.Server;
  let base: string;
  const routes = new Map<string, Handler>();
  const received: { path: string; bytes: number; complete: boolean }[] = [];

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      const route = routes.get(req.url ?? '');
      if (route) route(req, res);
      else res.writeHead(404).end();
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => {
    server.closeAllConnections();
    server.close();
  });

  it('streams a body of 32 MB in 64 KB pieces to a slow reader, every byte in order', async () => {
    routes.set('/slow', (req, res) => {
      const hash = { bytes: 0, sum: 0 };
      req.on('data', (piece: Buffer) => {
        hash.bytes += piece.length;
        for (let i = 0; i < piece.length; i += 4096) hash.sum = (hash.sum + piece[i]! * (i + 1)) % 1_000_003;
        req.pause();
        setTimeout(() => req.resume(), 1);
      });
      req.on('end', () => res.end(JSON.stringify(hash)));
    });
    const piece = (n: number) => Buffer.alloc(64 * 1024, n % 251);
    async function* pieces() {
      for (let n = 0; n < 512; n += 1) yield piece(n);
    }
    let expected = 0;
    for (let n = 0; n < 512; n += 1) {
      const p = piece(n);
      for (let i = 0; i < p.length; i += 4096) expected = (expected + p[i]! * (i + 1)) % 1_000_003;
    }
    let sentBack = 0;
    const response = await sendRequest(`${base}/slow`, {
      method: 'POST',
      headers: { 'content-length': String(512 * 64 * 1024) },
      body: pieces(),
      onPieceSent: () => (sentBack += 1),
    });
    expect(response.status).toBe(200);
    expect(JSON.parse(await readText(response.body))).toEqual({ bytes: 512 * 64 * 1024, sum: expected });
    // Every piece is handed back once the socket is done with it (the transport reuses their memory).
    expect(sentBack).toBe(512);
  });

  it('fails with ETIMEDOUT (retried as NETWORK) when the server takes the request and never answers', async () => {
    routes.set('/silent', (req) => req.resume());
    const started = Date.now();
    const error = await sendRequest(`${base}/silent`, { method: 'GET', idleTimeoutMs: 300 }).catch((e: unknown) => e);
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    expect((error as { code?: string }).code).toBe('ETIMEDOUT');
    expect(classifyNodeError(error, 'the album backend').code).toBe('NETWORK');
  });

  it('ends the request with the body’s own error, and the server sees an incomplete request', async () => {
    routes.set('/cut', (req, res) => {
      let bytes = 0;
      req.on('data', (p: Buffer) => (bytes += p.length));
      req.on('close', () => received.push({ path: '/cut', bytes, complete: req.complete }));
      req.on('end', () => res.end('ok'));
    });
    const vanished = Object.assign(new Error('the file vanished'), { code: 'ENOENT' });
    async function* failing() {
      yield Buffer.alloc(1000, 1);
      await sleep(20);
      throw vanished;
    }
    const error = await sendRequest(`${base}/cut`, { method: 'POST', headers: { 'content-length': '5000' }, body: failing() }).catch((e: unknown) => e);
    expect(error).toBe(vanished);
    await sleep(100);
    expect(received.find((r) => r.path === '/cut')).toEqual({ path: '/cut', bytes: 1000, complete: false });
  });

  it('returns an answer the server sends before reading the body (a refusal), not a broken pipe', async () => {
    routes.set('/refuse', (_req, res) => res.writeHead(401, { 'content-type': 'application/json' }).end('{"error":{"message":"Invalid Signature"}}'));
    async function* big() {
      for (let n = 0; n < 64; n += 1) yield Buffer.alloc(64 * 1024, 7);
    }
    const response = await sendRequest(`${base}/refuse`, { method: 'POST', headers: { 'content-length': String(64 * 64 * 1024) }, body: big() });
    expect(response.status).toBe(401);
    expect(await readText(response.body)).toContain('Invalid Signature');
  });

  it('stops reading an answer past maxBytes and says the answer was too large', async () => {
    routes.set('/huge', (_req, res) => {
      res.writeHead(200);
      for (let n = 0; n < 40; n += 1) res.write(Buffer.alloc(64 * 1024, 120));
      res.end();
    });
    let pieces = 0;
    const response = await sendRequest(`${base}/huge`, { method: 'GET' });
    const error = await readText(response.body, { maxBytes: 256 * 1024, onData: () => (pieces += 1) }).catch((e: unknown) => e);
    expect(isAnswerTooLarge(error)).toBe(true);
    expect((error as Error).message).toBe("the server's answer was larger than 256 KB");
    expect(pieces).toBeGreaterThan(1);
    expect(response.body.destroyed).toBe(true);
  });

  it('refuses a URL that is neither http nor https, saying which', async () => {
    await expect(sendRequest('ftp://127.0.0.1/x', { method: 'GET' })).rejects.toThrow(/unsupported protocol in ftp:/);
  });
});
