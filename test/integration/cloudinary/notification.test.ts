import { statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyNotificationSignature } from '../../../src/main/engine/cloudinary/sign';
import { uploadFile } from '../../../src/main/engine/cloudinary/upload';
import type { CloudinaryServer } from '../../../src/main/localstack/cloudinary-server';
import { CREDENTIALS, photosDir, signerFor, startServer, tempDir } from './helpers';

interface Delivery {
  body: Buffer;
  headers: Record<string, string | string[] | undefined>;
  url: string;
}

/** A tiny receiver standing in for the album backend's webhook endpoint. */
function startReceiver(): Promise<{ server: Server; url: string; next(): Promise<Delivery> }> {
  const waiting: Array<(d: Delivery) => void> = [];
  const server = createServer((req, res) => {
    const pieces: Buffer[] = [];
    req.on('data', (p: Buffer) => pieces.push(p));
    req.on('end', () => {
      res.writeHead(204).end();
      waiting.shift()?.({ body: Buffer.concat(pieces), headers: req.headers, url: req.url ?? '' });
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        server,
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        next: () => new Promise((r) => waiting.push(r)),
      }),
    ),
  );
}

describe('upload notifications', () => {
  const temp = tempDir('cld-notify');
  let cloudinary: CloudinaryServer;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  beforeAll(async () => {
    cloudinary = await startServer(temp.dir);
    receiver = await startReceiver();
  });
  afterAll(async () => {
    await cloudinary.close();
    await new Promise((r) => receiver.server.close(r));
    temp.remove();
  });

  it('POSTs the upload result with a valid X-Cld-Signature over the exact body', async () => {
    const photo = path.join(photosDir, 'gps/canon-powershot-s5-is.jpg');
    const delivered = receiver.next();
    const result = await uploadFile({
      path: photo,
      size: statSync(photo).size,
      filename: 'canon-powershot-s5-is.jpg',
      params: { type: 'authenticated', tags: '42', public_id: 'pixdrop/notified', notification_url: `${receiver.url}/api/v1/cloudinary?token=abc.def.ghi` },
      signer: signerFor(cloudinary),
      chunkSize: 20_000_000,
    });
    const delivery = await delivered;
    expect(delivery.url).toBe('/api/v1/cloudinary?token=abc.def.ghi');
    const timestamp = String(delivery.headers['x-cld-timestamp']);
    const signature = String(delivery.headers['x-cld-signature']);
    const check = { body: delivery.body, timestamp, signature, secret: CREDENTIALS.apiSecret, nowSeconds: Math.floor(Date.now() / 1000) };
    expect(verifyNotificationSignature(check)).toBe(true);
    expect(verifyNotificationSignature({ ...check, secret: 'another-secret' })).toBe(false);
    const body = JSON.parse(delivery.body.toString('utf8')) as Record<string, unknown>;
    expect(body).toMatchObject({ notification_type: 'upload', public_id: result.public_id, version: result.version, etag: result.etag, tags: ['42'] });
  });

  it('an unreachable notification_url does not fail the upload', async () => {
    const photo = path.join(photosDir, 'cameras/nikon-e950.jpg');
    const result = await uploadFile({
      path: photo,
      size: statSync(photo).size,
      filename: 'nikon-e950.jpg',
      params: { public_id: 'pixdrop/unnotified', notification_url: 'http://127.0.0.1:1/hook' },
      signer: signerFor(cloudinary),
      chunkSize: 20_000_000,
    });
    expect(result.public_id).toBe('pixdrop/unnotified');
  });
});
