import { statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createLocalSigner, uploadFile, type UploadFileOptions, type UploadProgress } from '../../../src/main/engine/cloudinary/upload';
import type { CloudinaryServer } from '../../../src/main/localstack/cloudinary-server';
import { CREDENTIALS, failureOf, photosDir, sha1Of, signerFor, startServer, tempDir, writeRandomFile } from './helpers';

const photo = path.join(photosDir, 'cameras/nikon-e950.jpg');
const photoSize = statSync(photo).size;

describe('upload failures become the right error codes', () => {
  const temp = tempDir('cld-fail');
  let server: CloudinaryServer;
  beforeAll(async () => {
    server = await startServer(temp.dir);
  });
  afterEach(() => server.setFaults({}));
  afterAll(async () => {
    await server.close();
    temp.remove();
  });

  const plain = (over: Partial<UploadFileOptions> = {}): UploadFileOptions => ({
    path: photo,
    size: photoSize,
    filename: 'nikon-e950.jpg',
    params: { type: 'authenticated', public_id: 'pixdrop/failures' },
    signer: signerFor(server),
    chunkSize: 20_000_000,
    ...over,
  });

  it('401 on a wrong secret → AUTH, with the server string-to-sign but never the secret', async () => {
    const error = await failureOf(() => uploadFile(plain({ signer: signerFor(server, { apiSecret: 'wrong-secret-value' }) })));
    expect(error.code).toBe('AUTH');
    expect(error.details?.httpStatus).toBe(401);
    expect(error.message).toContain("String to sign - 'public_id=pixdrop/failures&timestamp=");
    expect(error.message).not.toContain('wrong-secret-value');
    expect(error.message).not.toContain(CREDENTIALS.apiSecret);
  });

  it('an unknown API key → AUTH', async () => {
    expect((await failureOf(() => uploadFile(plain({ signer: signerFor(server, { apiKey: '999' }) })))).code).toBe('AUTH');
  });

  it('SHA-256 signatures are accepted too', async () => {
    const result = await uploadFile(plain({ signer: signerFor(server, { signatureAlgorithm: 'sha256' }) }));
    expect(result.bytes).toBe(photoSize);
  });

  it('a timestamp older than one hour → REJECTED "Stale request"', async () => {
    const twoHoursAgo = { now: () => Date.now() - 2 * 3600_000 };
    const signer = createLocalSigner({ ...CREDENTIALS, uploadPrefix: server.url, signatureAlgorithm: 'sha1', signatureVersion: 2 }, twoHoursAgo);
    const error = await failureOf(() => uploadFile(plain({ signer })));
    expect(error.code).toBe('REJECTED');
    // Said as what it means for the person (here the signer's clock is off, not this computer's); the server's words stay in details.
    expect(error.message).toMatch(/more than an hour old \(Stale request\).*the clock of whatever signed it/);
    expect(String(error.details?.serverMessage)).toMatch(/Stale request - reported time is .* which is more than 1 hour ago/);
  });

  const injected: Array<[string, object, string]> = [
    ['error500', { error500: 1 }, 'NETWORK'],
    ['error420', { error420: 1, retryAfterSeconds: 7 }, 'RATE_LIMITED'],
    ['error429', { error429: 1, retryAfterSeconds: 7 }, 'RATE_LIMITED'],
    ['reset', { reset: 1 }, 'NETWORK'],
    ['lostAnswer', { lostAnswer: 1 }, 'NETWORK'],
    ['malformed', { malformed: 1 }, 'BAD_RESPONSE'],
  ];
  for (const [name, faults, code] of injected) {
    it(`fault ${name} → ${code}`, async () => {
      server.setFaults(faults);
      const publicId = `pixdrop/fault-${name}`;
      const error = await failureOf(() => uploadFile(plain({ params: { public_id: publicId } })));
      expect(error.code).toBe(code);
      if (code === 'RATE_LIMITED') expect(error.retryAfterSeconds).toBe(7);
      // lostAnswer and malformed did the work before the answer went wrong.
      const stored = server.listAssets().some((a) => a.public_id === publicId);
      expect(stored).toBe(name === 'lostAnswer' || name === 'malformed');
      expect(server.stats().faults[name as 'reset']).toBeGreaterThan(0);
    });
  }

  it('a server that never answers → NETWORK after the stall timeout', async () => {
    server.setFaults({ hang: 1 });
    const started = Date.now();
    const error = await failureOf(() => uploadFile(plain({ stallTimeoutMs: 400 })));
    expect(error.code).toBe('NETWORK');
    expect(error.details?.stalled).toBe(true);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('latency slows answers but they still succeed', async () => {
    server.setFaults({ latencyMs: 300 });
    const started = Date.now();
    await uploadFile(plain());
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  });

  it('a bandwidth limit slows the upload to about that rate', async () => {
    const size = 3 * 1024 * 1024;
    const file = path.join(temp.dir, 'limited.bin');
    await writeRandomFile(file, size);
    const started = Date.now();
    await uploadFile(plain({ path: file, size, bytesPerSecond: 6 * 1024 * 1024 }));
    // 500 ms at the limit, less the 100 ms of budget the limiter may spend at once (transport.ts BURST_CREDIT_MS).
    expect(Date.now() - started).toBeGreaterThanOrEqual(380);
  });

  it('nothing listening → OFFLINE', async () => {
    const other = tempDir('cld-offline');
    const gone = await startServer(other.dir);
    await gone.close();
    other.remove();
    const error = await failureOf(() => uploadFile(plain({ signer: signerFor(gone) })));
    expect(error.code).toBe('OFFLINE');
  });

  it('a missing file → FILE_GONE, a modified one → FILE_CHANGED, an empty one → EMPTY_FILE without a request', async () => {
    expect((await failureOf(() => uploadFile(plain({ path: path.join(temp.dir, 'nope.jpg') })))).code).toBe('FILE_GONE');
    const mtime = statSync(photo).mtimeMs;
    expect((await failureOf(() => uploadFile(plain({ expectedMtimeMs: mtime - 5000 })))).code).toBe('FILE_CHANGED');
    expect((await failureOf(() => uploadFile(plain({ size: photoSize + 1 })))).code).toBe('FILE_CHANGED');
    const before = server.stats().uploadRequests;
    expect((await failureOf(() => uploadFile(plain({ path: path.join(photosDir, 'broken/MADE-empty-0-bytes.jpg'), size: 0 })))).code).toBe('EMPTY_FILE');
    expect(server.stats().uploadRequests).toBe(before);
  });

  it('non-final chunks under 5 MiB are refused like Cloudinary does', async () => {
    const file = path.join(temp.dir, 'three-mb.bin');
    await writeRandomFile(file, 3 * 1024 * 1024);
    const error = await failureOf(() => uploadFile(plain({ path: file, size: 3 * 1024 * 1024, chunkSize: 1024 * 1024 })));
    expect(error.code).toBe('REJECTED');
    expect(error.message).toContain('All parts except EOF-chunk must be larger than 5mb');
  });

  it('a chunk failing mid-upload keeps the earlier chunks; resuming finishes the file', async () => {
    const size = 16 * 1024 * 1024;
    const file = path.join(temp.dir, 'sixteen-mb.bin');
    await writeRandomFile(file, size);
    let saved: UploadProgress | null = null;
    const options = plain({ path: file, size, filename: 'sixteen-mb.bin', chunkSize: 5_500_000, params: { public_id: 'pixdrop/mid-fail' } });
    const error = await failureOf(() =>
      uploadFile({
        ...options,
        onChunkAcknowledged: (p) => {
          saved = p;
          if (p.bytesConfirmed === 5_500_000) server.setFaults({ error500: 1 });
        },
      }),
    );
    expect(error.code).toBe('NETWORK');
    expect(saved).toMatchObject({ bytesConfirmed: 5_500_000 });
    server.setFaults({});
    const result = await uploadFile({ ...options, resume: saved });
    expect(result.bytes).toBe(size);
    expect(await sha1Of(server.listAssets().find((a) => a.public_id === 'pixdrop/mid-fail')!.filePath)).toBe(await sha1Of(file));
  });
});

describe('server-side request rules', () => {
  const temp = tempDir('cld-rules');
  let server: CloudinaryServer;
  beforeAll(async () => {
    server = await startServer(temp.dir);
  });
  afterAll(async () => {
    await server.close();
    temp.remove();
  });

  async function post(bytes: Uint8Array, headers: Record<string, string> = {}): Promise<{ status: number; message?: string }> {
    const signed = await signerFor(server).sign({ public_id: 'raw-request' });
    const form = new FormData();
    for (const [key, value] of Object.entries(signed.fields)) form.append(key, value);
    form.append('file', new Blob([bytes]), 'x.bin');
    const answer = await fetch(signed.url, { method: 'POST', body: form, headers });
    const body = (await answer.json()) as { error?: { message: string } };
    return { status: answer.status, message: body.error?.message };
  }

  it('refuses an empty file', async () => {
    expect(await post(new Uint8Array(0))).toEqual({ status: 400, message: 'Empty file' });
  });

  it('refuses a Content-Range without X-Unique-Upload-Id', async () => {
    expect(await post(new Uint8Array(10), { 'Content-Range': 'bytes 0-9/10' })).toEqual({ status: 400, message: 'Missing required parameter - public_id' });
  });

  it('refuses a chunk that starts beyond what was received', async () => {
    const answer = await post(new Uint8Array(10), { 'Content-Range': 'bytes 100-109/110', 'X-Unique-Upload-Id': 'abc123' });
    expect(answer.status).toBe(400);
    expect(answer.message).toContain('only 0 bytes were received');
  });

  it('accepts a single final chunk with a real total as a whole upload', async () => {
    expect((await post(new Uint8Array(10).fill(7), { 'Content-Range': 'bytes 0-9/10', 'X-Unique-Upload-Id': 'single' })).status).toBe(200);
    expect(server.listAssets().find((a) => a.public_id === 'raw-request')?.bytes).toBe(10);
  });
});
