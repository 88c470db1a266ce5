/**
 * Faithfulness: the official Cloudinary SDK must work against our local server unchanged.
 * Own file on purpose: the SDK picks http vs https from upload_prefix once, when it is loaded.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { responseSignature } from '../../../src/main/engine/cloudinary/sign';
import type { CloudinaryServer } from '../../../src/main/localstack/cloudinary-server';
import { CREDENTIALS, expected, photosDir, sha1Of, startServer, tempDir, writeRandomFile } from './helpers';

type UploadResult = Record<string, unknown> & { public_id: string; version: number; bytes: number; etag: string; signature: string };
interface Uploader {
  upload(file: string, options: Record<string, unknown>): Promise<UploadResult>;
  upload_large(file: string, options: Record<string, unknown>, callback: (error: unknown, result?: UploadResult) => void): unknown;
}

describe('the official cloudinary SDK against the local server', () => {
  const temp = tempDir('cld-sdk');
  let server: CloudinaryServer;
  let uploader: Uploader;
  beforeAll(async () => {
    server = await startServer(temp.dir);
    const { apiKey, apiSecret, cloudName } = CREDENTIALS;
    process.env.CLOUDINARY_URL = `cloudinary://${apiKey}:${apiSecret}@${cloudName}?upload_prefix=${server.url}`;
    const sdk = (await import('cloudinary')) as unknown as { v2: { uploader: Uploader } };
    uploader = sdk.v2.uploader;
  });
  afterAll(async () => {
    delete process.env.CLOUDINARY_URL;
    await server.close();
    temp.remove();
  });

  it('uploader.upload stores a JPEG byte for byte', async () => {
    const relative = 'cameras/pentax-ist-d.jpg';
    const result = await uploader.upload(path.join(photosDir, relative), {
      public_id: 'sdk/pentax',
      type: 'authenticated',
      tags: ['7', 'sdk'],
      image_metadata: true,
    });
    expect(result).toMatchObject({ public_id: 'sdk/pentax', bytes: expected[relative].FileSize, format: 'jpg', type: 'authenticated', tags: ['7', 'sdk'] });
    expect(result.signature).toBe(responseSignature('sdk/pentax', result.version, CREDENTIALS.apiSecret));
    const stored = server.listAssets().find((a) => a.public_id === 'sdk/pentax')!;
    expect(await sha1Of(stored.filePath)).toBe(expected[relative].sha1);
  });

  it('uploader.upload_large sends chunks the server assembles into the same bytes', async () => {
    const file = path.join(temp.dir, 'large-scan.bin');
    await writeRandomFile(file, 12 * 1024 * 1024);
    const before = server.stats().chunkRequests;
    const result = await new Promise<UploadResult>((resolve, reject) =>
      uploader.upload_large(file, { public_id: 'sdk/large', resource_type: 'image', chunk_size: 5_300_000 }, (error, value) =>
        error ? reject(error) : resolve(value!),
      ),
    );
    expect(result.public_id).toBe('sdk/large');
    expect(result.bytes).toBe(12 * 1024 * 1024);
    expect(server.stats().chunkRequests - before).toBe(3);
    const stored = server.listAssets().find((a) => a.public_id === 'sdk/large')!;
    expect(await sha1Of(stored.filePath)).toBe(await sha1Of(file));
    expect(stored.etag).toBe(result.etag);
  });

  it("the SDK sees our errors the way it sees Cloudinary's", async () => {
    const failure = await uploader.upload(path.join(photosDir, 'broken/MADE-empty-0-bytes.jpg'), {}).catch((error: unknown) => error);
    expect(failure).toMatchObject({ message: 'Empty file', http_code: 400 });
  });
});
