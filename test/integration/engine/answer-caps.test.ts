/**
 * Every answer the engine reads has a cap. A real HTTP server on 127.0.0.1 answers with 150 MB
 * (the same 64 KB piece written over and over, so the server itself stays small): the album
 * backend client and the Cloudinary upload transport stop reading at their cap, fail with
 * BAD_RESPONSE saying the answer was too large, and this process's resident memory does not grow
 * by anything like the answer's size (it grew by ~480 MB when answers were buffered whole).
 */
import { once } from 'node:events';
import { writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../src/shared/errors';
import { createBackendClient } from '../../../src/main/engine/backend/client';
import { postMultipart } from '../../../src/main/engine/cloudinary/transport';
import { tempDir } from '../../helpers/stack';

const ANSWER_BYTES = 150 * 1024 * 1024;
const PIECE = Buffer.alloc(64 * 1024, '['.charCodeAt(0));

/** Writes ANSWER_BYTES with backpressure; stops when the client goes away. Announced or chunked. */
async function hugeAnswer(res: http.ServerResponse, announce: boolean): Promise<void> {
  res.writeHead(200, { 'content-type': 'application/json', ...(announce ? { 'content-length': String(ANSWER_BYTES) } : {}) });
  for (let sent = 0; sent < ANSWER_BYTES && !res.destroyed; sent += PIECE.length) {
    if (!res.write(PIECE)) await Promise.race([once(res, 'drain'), once(res, 'close')]);
  }
  res.end();
}

let server: http.Server;
let base: string;
let served = 0;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    served += 1;
    req.resume();
    req.on('end', () => void hugeAnswer(res, req.url?.includes('announced') ?? false));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => {
  server.closeAllConnections();
  server.close();
});

/** Runs the call while sampling RSS; returns its error and the peak growth in bytes. */
async function failureAndGrowth(call: () => Promise<unknown>): Promise<{ error: AppError; growth: number }> {
  const before = process.memoryUsage().rss;
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
  const error = await call().then(
    () => null,
    (e: unknown) => e,
  );
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);
  expect(error).toBeInstanceOf(AppError);
  return { error: error as AppError, growth: peak - before };
}

const tokens = { get: () => 'token', set: () => undefined };

describe('answer caps', () => {
  it('the album backend client refuses a 150 MB answer at 8 MB, saying so, without buffering it', async () => {
    const client = createBackendClient({ baseUrl: `${base}/chunked`, tokens, timeoutMs: 30_000 });
    const { error, growth } = await failureAndGrowth(() => client.listAlbums());
    expect(error.code).toBe('BAD_RESPONSE');
    expect(error.message).toContain('GET /api/v1/albums');
    expect(error.message).toContain('larger than 8 MB');
    expect(growth).toBeLessThan(48 * 1024 * 1024);
  });

  it('refuses an answer that announces 150 MB before reading any of it', async () => {
    const client = createBackendClient({ baseUrl: `${base}/announced`, tokens, timeoutMs: 30_000 });
    const { error, growth } = await failureAndGrowth(() => client.listAlbums());
    expect(error.message).toContain('larger than 8 MB');
    expect(growth).toBeLessThan(24 * 1024 * 1024);
  });

  it('an album listing may be larger (64 MB) but not 150 MB', async () => {
    const client = createBackendClient({ baseUrl: `${base}/chunked`, tokens, timeoutMs: 30_000 });
    const { error } = await failureAndGrowth(() => client.listImages('album-1'));
    expect(error.code).toBe('BAD_RESPONSE');
    expect(error.message).toContain('larger than 64 MB');
  });

  it('the Cloudinary transport refuses a 150 MB upload answer at 4 MB, saying so', async () => {
    const dir = tempDir('pixdrop-answer-cap-');
    const file = path.join(dir, 'photo.jpg');
    writeFileSync(file, Buffer.alloc(200_000, 7));
    const before = served;
    const { error, growth } = await failureAndGrowth(() =>
      postMultipart({
        url: `${base}/chunked/upload`,
        fields: { public_id: 'x' },
        file: { path: file, start: 0, end: 199_999, filename: 'photo.jpg' },
        stallTimeoutMs: 30_000,
      }),
    );
    expect(served).toBe(before + 1);
    expect(error.code).toBe('BAD_RESPONSE');
    expect(error.message).toMatch(/^Cloudinary's answer to the upload was larger than 4 MB/);
    expect(growth).toBeLessThan(48 * 1024 * 1024);
  });
});
