import { decodeJwt } from 'jose';
import { request } from 'undici';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../src/shared/errors';
import { notificationSignature, signParams } from '../../../src/main/engine/cloudinary/sign';
import { registerExactlyOnce } from '../../../src/main/engine/backend/register';
import type { BackendClient } from '../../../src/main/engine/backend/client';
import { createRemoteSigner } from '../../../src/main/engine/backend/remote-signer';
import { cloudinary, startHarness, uploadResponse, type Harness } from './setup';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.stop();
});

const nowSeconds = () => Math.floor(h.clock.now() / 1000);

/** What Cloudinary does: POST the raw body with X-Cld-Timestamp / X-Cld-Signature. */
async function notify(url: string, body: string, o: { timestamp?: number; signature?: string; contentType?: string } = {}) {
  const timestamp = o.timestamp ?? nowSeconds();
  const answer = await request(url, {
    method: 'POST',
    headers: {
      'content-type': o.contentType ?? 'application/json',
      'x-cld-timestamp': String(timestamp),
      'x-cld-signature': o.signature ?? notificationSignature(body, timestamp, cloudinary.apiSecret),
    },
    body,
  });
  await answer.body.dump();
  return answer;
}

async function signedWebhookUrl(albumId: string, userToken: string): Promise<string> {
  const signing = await h.clientFor(userToken).client.uploadSignature(albumId, { public_id: 'pixdrop/any' });
  return signing.params.notification_url;
}

describe('Cloudinary notifications', () => {
  it('creates one record from a signed notification; the desktop POST of the same public_id updates it', async () => {
    const token = await h.backend.issueToken({ userId: 'u1', albumIds: ['album-1'] });
    const url = await signedWebhookUrl('album-1', token);
    // Seed 000's body, byte for byte in form, with our public_id; its headers claim form-urlencoded.
    const body = '{"version":1736942400,"format":"jpg","resource_type":"image","type":"authenticated","original_filename":"Image","public_id":"pixdrop/twio1"}';
    const answer = await notify(url, body, { contentType: 'application/x-www-form-urlencoded' });
    expect(answer.statusCode).toBe(201);
    expect(decodeJwt(String(answer.headers['x-token']))).toMatchObject({ album_id: 'album-1', user_id: 'u1' });
    expect(h.backend.listImages('album-1').map((r) => r.infos.public_id)).toEqual(['pixdrop/twio1']);

    const record = await h.clientFor(token).client.registerImage('album-1', uploadResponse('pixdrop/twio1'), { filename: 'Image.jpg' });
    const stored = h.backend.listImages('album-1');
    expect(stored).toHaveLength(1);
    expect(stored[0].id).toBe(record.id);
    expect(stored[0]).toMatchObject({ width: 4000, filename: 'Image.jpg', infos: { version: '1736942400', phash: 'd8c926d5c28b6c67' } });
    expect(h.backend.stats()).toMatchObject({ webhookPosts: 1, imagePosts: 1 });
  });

  it('accepts an error notification (seed 001) and creates nothing', async () => {
    const token = await h.backend.issueToken({ userId: 'u1', albumIds: ['album-1'] });
    const url = await signedWebhookUrl('album-1', token);
    const body = JSON.stringify({
      error: { message: 'Empty file', status: 400, request_id: 'ed63e916763fcc99' },
      notification_type: 'error',
      params: { faces: '1', colors: '1', image_metadata: '1', phash: '1', type: 'authenticated', tags: 'album-1', public_id: 'pixdrop/empty' },
    });
    expect((await notify(url, body)).statusCode).toBe(201);
    expect(h.backend.listImages()).toEqual([]);
  });

  it('refuses a wrong signature, an old timestamp, a forged token (401) and creates nothing', async () => {
    const token = await h.backend.issueToken({ userId: 'u1', albumIds: ['album-1'] });
    const url = await signedWebhookUrl('album-1', token);
    const body = '{"notification_type":"upload","public_id":"pixdrop/bad","version":1}';
    const good = notificationSignature(body, nowSeconds(), cloudinary.apiSecret);
    const tampered = good.slice(0, -1) + (good.endsWith('0') ? '1' : '0');
    expect((await notify(url, body, { signature: tampered })).statusCode).toBe(401);
    expect((await notify(url, body + ' ', { signature: good })).statusCode).toBe(401);
    expect((await notify(url, body, { timestamp: nowSeconds() - 2 * 3600 - 1 })).statusCode).toBe(401);
    const forged = url.replace(/token=[^&]+/, `token=${token.slice(0, -2)}xx`);
    expect((await notify(forged, body)).statusCode).toBe(401);
    expect(h.backend.listImages()).toEqual([]);
    // Exactly two hours old still passes, and SHA-256 signatures are accepted too.
    const old = nowSeconds() - 2 * 3600;
    expect((await notify(url, body, { timestamp: old, signature: notificationSignature(body, old, cloudinary.apiSecret, 'sha256') })).statusCode).toBe(201);
    expect(h.backend.listImages('album-1')).toHaveLength(1);
  });
});

describe('remote signing', () => {
  it('signs a whitelisted parameter set that signParams reproduces', async () => {
    const token = await h.backend.issueToken({ userId: 'u1', albumIds: ['album-1'] });
    const { client } = h.clientFor(token);
    const answer = await client.uploadSignature('album-1', { public_id: 'pixdrop/3f78', type: 'upload', tags: 'elsewhere', eager: 'w_1' });
    expect(answer.upload_url).toBe('http://127.0.0.1:9/v1_1/demo-cloud/image/upload');
    expect(answer.api_key).toBe(cloudinary.apiKey);
    expect(Number(answer.timestamp)).toBe(nowSeconds());
    expect(answer.params).toMatchObject({
      public_id: 'pixdrop/3f78',
      type: 'authenticated',
      tags: 'album-1',
      faces: '1',
      colors: '1',
      image_metadata: '1',
      phash: '1',
    });
    expect(answer.params).not.toHaveProperty('eager');
    expect(answer.params.notification_url.startsWith(`${h.backend.url}/api/v1/cloudinary?token=`)).toBe(true);
    const webhookClaims = decodeJwt(new URL(answer.params.notification_url).searchParams.get('token')!);
    expect(webhookClaims).toMatchObject({ user_id: 'u1', album_id: 'album-1' });
    expect(typeof webhookClaims.exp).toBe('number');
    expect(signParams({ ...answer.params, timestamp: String(answer.timestamp) }, cloudinary.apiSecret, 'sha1', 2)).toBe(answer.signature);

    const refused = await client.uploadSignature('album-1', { public_id: 'elsewhere/3f78' }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(AppError);
    expect((refused as AppError).code).toBe('REJECTED');
  });

  it('says clearly that it cannot sign without a Cloudinary account', async () => {
    const bare = await startHarness({ cloudinary: null });
    try {
      const token = await bare.backend.issueToken({ userId: 'u1', albumIds: ['album-1'] });
      const error = (await bare
        .clientFor(token)
        .client.uploadSignature('album-1', { public_id: 'pixdrop/a' })
        .catch((e: unknown) => e)) as AppError;
      expect(error.code).toBe('NETWORK'); // 501: a server-side limitation, reported with its words
      expect(error.details?.serverMessage).toMatch(/no Cloudinary account/);
    } finally {
      await bare.stop();
    }
  });

  it('reuses one signature for the chunks of a file while it is younger than 55 minutes', async () => {
    const token = await h.backend.issueToken({ userId: 'u1', albumIds: ['album-1'] });
    const signer = createRemoteSigner(h.clientFor(token).client, 'album-1', h.clock);
    const before = h.backend.stats().requests;
    const [a, b] = await Promise.all([signer.sign({ public_id: 'pixdrop/big' }), signer.sign({ public_id: 'pixdrop/big' })]);
    h.clock.advance(54 * 60_000);
    const c = await signer.sign({ public_id: 'pixdrop/big' });
    expect(h.backend.stats().requests - before).toBe(1);
    expect(b).toEqual(a);
    expect(c).toEqual(a);
    expect(Object.keys(a.fields).slice(-2)).toEqual(['signature', 'api_key']);
    expect(a.url).toBe('http://127.0.0.1:9/v1_1/demo-cloud/image/upload');
    const { signature, api_key: _key, ...signed } = a.fields;
    expect(signParams(signed, cloudinary.apiSecret, 'sha1', 2)).toBe(signature);

    h.clock.advance(2 * 60_000);
    const d = await signer.sign({ public_id: 'pixdrop/big' });
    expect(Number(d.fields.timestamp)).toBe(nowSeconds());
    await signer.sign({ public_id: 'pixdrop/other' });
    expect(h.backend.stats().requests - before).toBe(3);
  });
});

describe('registerExactlyOnce', () => {
  it('after a POST whose answer was lost, finds the record instead of posting again', async () => {
    const token = await h.backend.issueToken({ userId: 'u1', albumIds: ['album-1'] });
    const { client } = h.clientFor(token);
    const cloud = uploadResponse('pixdrop/lost');
    h.backend.setFaults({ lostAnswer: 1 });
    const lost = (await client.registerImage('album-1', cloud, {}).catch((e: unknown) => e)) as AppError;
    expect(lost).toBeInstanceOf(AppError);
    expect(lost.code).toBe('NETWORK');
    h.backend.setFaults({});

    const record = await registerExactlyOnce(client, { albumId: 'album-1', cloudinary: cloud, metadatas: {} });
    expect(record.infos.public_id).toBe('pixdrop/lost');
    expect(h.backend.listImages('album-1')).toHaveLength(1);
    expect(h.backend.stats().imagePosts).toBe(1);
  });

  it('posts when the interrupted attempt never reached the backend', async () => {
    const token = await h.backend.issueToken({ userId: 'u1', albumIds: ['album-1'] });
    const { client } = h.clientFor(token);
    h.backend.setFaults({ reset: 1 });
    const cloud = uploadResponse('pixdrop/reset');
    await expect(client.registerImage('album-1', cloud, {})).rejects.toThrow();
    h.backend.setFaults({});
    await registerExactlyOnce(client, { albumId: 'album-1', cloudinary: cloud, metadatas: {} });
    expect(h.backend.listImages('album-1')).toHaveLength(1);
    expect(h.backend.stats().imagePosts).toBe(2);
  });

  it('a first attempt, the album asked before sending: two requests (POST, question after), and a race still ends in one record', async () => {
    h.backend.setFaults({ duplicates: true });
    const token = await h.backend.issueToken({ userId: 'u1', albumIds: ['album-1'] });
    const { client } = h.clientFor(token);
    const before = h.backend.stats().requests;
    await registerExactlyOnce(client, { albumId: 'album-1', cloudinary: uploadResponse('pixdrop/first'), metadatas: {}, askedBeforeSending: true });
    expect(h.backend.stats().requests - before).toBe(2);
    // Another installation registered the same photo while its bytes were being sent.
    const cloud = uploadResponse('pixdrop/meanwhile');
    await client.registerImage('album-1', cloud, {});
    const record = await registerExactlyOnce(client, { albumId: 'album-1', cloudinary: cloud, metadatas: {}, askedBeforeSending: true });
    const left = h.backend.listImages('album-1').filter((r) => r.infos.public_id === 'pixdrop/meanwhile');
    expect(left.map((r) => r.id)).toEqual([record.id]);
  });

  it('on a backend that keeps duplicates, a race lost between question and POST resolves to the smaller id', async () => {
    h.backend.setFaults({ duplicates: true });
    const token = await h.backend.issueToken({ userId: 'u1', albumIds: ['album-1'] });
    const { client } = h.clientFor(token);
    const cloud = uploadResponse('pixdrop/raced');
    // The other installation's POST lands between our question and our own POST.
    let theirs = '';
    const racing: BackendClient = {
      ...client,
      registerImage: async (...args) => {
        theirs = (await client.registerImage(...args)).id;
        return client.registerImage(...args);
      },
    };
    const record = await registerExactlyOnce(racing, { albumId: 'album-1', cloudinary: cloud, metadatas: {} });
    const survivor = h.backend.listImages('album-1');
    expect(survivor).toHaveLength(1);
    expect(record.id).toBe(survivor[0].id);
    expect(h.backend.stats().imagePosts).toBe(2);
    expect(h.backend.stats().imageDeletes).toBe(1);
    // The other client, asking now, agrees on the same survivor.
    expect((await registerExactlyOnce(client, { albumId: 'album-1', cloudinary: cloud, metadatas: {} })).id).toBe(record.id);
    expect([theirs, record.id]).toContain(survivor[0].id);
  });
});
