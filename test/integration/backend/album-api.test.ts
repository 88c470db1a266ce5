import { decodeJwt } from 'jose';
import { request } from 'undici';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../src/shared/errors';
import { startAlbumBackend } from '../../../src/main/localstack/album-backend';
import { cloudinary, memoryTokens, startHarness, uploadResponse, type Harness } from './setup';
import { createBackendClient } from '../../../src/main/engine/backend/client';
import Database from 'better-sqlite3';
import path from 'node:path';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.stop();
});

async function failure(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe('albums', () => {
  it('lists the albums the token grants and creates by name once (201, then 200 with the same album)', async () => {
    const token = await h.backend.issueToken({ userId: 'u1', albumIds: ['album-1'] });
    const { client } = h.clientFor(token);
    expect((await client.listAlbums()).map((a) => a.id)).toEqual(['album-1']);

    const post = (name: string) =>
      request(`${h.backend.url}/api/v1/albums`, {
        method: 'POST',
        headers: { authorization: `Token token="${token}"`, 'content-type': 'application/json' },
        body: JSON.stringify({ name }),
      });
    const first = await post('Iceland 2024');
    const second = await post('Iceland 2024');
    expect([first.statusCode, second.statusCode]).toEqual([201, 200]);
    const [a, b] = [await first.body.json(), await second.body.json()] as Array<{ id: string; name: string; images_count: number }>;
    expect(b.id).toBe(a.id);
    expect(a).toMatchObject({ name: 'Iceland 2024', images_count: 0, cover_url: null });

    const viaClient = await client.createAlbum('Iceland 2024');
    expect(viaClient.id).toBe(a.id);
    const names = (await client.listAlbums()).map((album) => album.name).sort();
    expect(names).toEqual(['Iceland 2024', 'album-1']);

    const other = h.clientFor(await h.backend.issueToken({ userId: 'u2' })).client;
    expect(await other.listAlbums()).toEqual([]);
  });
});

describe('images', () => {
  it('registers an image, finds it once by public_id, and edits its title', async () => {
    const token = await h.backend.issueToken({ userId: 'u1', albumIds: ['album-1'] });
    const { client } = h.clientFor(token);
    const response = uploadResponse('pixdrop/3f786850e387550fdab836ed7e6dc881de23001b');
    const record = await client.registerImage('album-1', response, { filename: 'DSCF0001.JPG', sha1: '3f78', keywords: ['sea', 'sky'] });

    expect(record.public_id).toBe(record.id);
    expect(record.album_id).toBe('album-1');
    expect(record.infos).toMatchObject({ public_id: response.public_id, width: '4000', colors: ['#EBF1F9', '13.2', '#D9E5F5', '8.8'] });
    expect(record).toMatchObject({ width: 4000, height: 3000, filename: 'DSCF0001.JPG', taken_at: '2024-06-01T10:20:30.000+00:00', size: '2345678' });
    expect(record.exifs).toEqual({ Make: 'FUJIFILM', DateTimeOriginal: '2024:06:01 10:20:30' });
    expect(record.metadatas).toEqual({ filename: 'DSCF0001.JPG', sha1: '3f78', keywords: ['sea', 'sky'] });
    expect(record.thumbnails.mini).toBe(
      'http://127.0.0.1:9/demo-cloud/image/authenticated/c_fill,h_300,w_300/v1736942400/pixdrop/3f786850e387550fdab836ed7e6dc881de23001b.jpg',
    );
    expect(record.thumbnails.original).toBe(response.secure_url);

    await client.registerImage('album-1', uploadResponse('pixdrop/other'), {});
    const found = await client.listImages('album-1', { publicId: String(response.public_id) });
    expect(found.map((r) => r.id)).toEqual([record.id]);
    expect((await client.listImages('album-1')).length).toBe(2);

    const edited = await client.patchImage(record.id, { title: 'Black beach', metadatas: { title: 'Black beach' } });
    expect(edited.title).toBe('Black beach');
    expect(edited.metadatas).toMatchObject({ filename: 'DSCF0001.JPG', title: 'Black beach' });
    expect(h.backend.listImages('album-1').find((r) => r.id === record.id)?.title).toBe('Black beach');

    const album = (await client.listAlbums()).find((a) => a.id === 'album-1')!;
    expect(album.images_count).toBe(2);
    expect(album.cover_url).toContain('/c_fill,h_300,w_300/');
  });

  it('accepts the exact body of seed 002 (Rails brackets, trailing slash) and answers its record shape', async () => {
    const token = await h.backend.issueToken({ userId: 'u1', albumIds: ['00100000123BB146'] });
    const body =
      'cloudinary[public_id]=c6y8knpw2ywwwfc6cykj&cloudinary[version]=1484586860&cloudinary[format]=jpg&cloudinary[tags][]=a0Ab000000u975pEAA&cloudinary[secure_url]=https%3A%2F%2Fres.cloudinary.com%2Fhdtp0enrj%2Fimage%2Fauthenticated%2Fv1484586860%2Fc6y8knpw2ywwwfc6cykj.jpg&cloudinary[coordinates][faces][]=&cloudinary[original_filename]=download&metadatas[meta]=data';
    const answer = await request(`${h.backend.url}/api/v1/albums/00100000123BB146/images/`, {
      method: 'POST',
      headers: { authorization: `Token token="${token}"`, 'content-type': 'application/x-www-form-urlencoded' },
      body,
    });
    expect(answer.statusCode).toBe(200);
    expect(answer.headers['x-token']).toBeTruthy();
    const record = (await answer.body.json()) as Record<string, unknown>;
    expect(record).toMatchObject({
      infos: { public_id: 'c6y8knpw2ywwwfc6cykj', version: '1484586860', tags: ['a0Ab000000u975pEAA'], coordinates: { faces: [''] } },
      metadatas: { meta: 'data' },
      filename: 'download',
      format: 'jpg',
      title: null,
      album_id: '00100000123BB146',
      gps: null,
    });
  });

  it("stores a photo's EXIF once (albums.sqlite grows by one copy per photo) and answers it as exifs, also after a restart", async () => {
    const token = await h.backend.issueToken({ userId: 'u1', albumIds: ['album-1'] });
    const caption = `Harbour at dawn ${'x'.repeat(3000)}`;
    const response = { ...uploadResponse('pixdrop/exif-once'), image_metadata: { Make: 'FUJIFILM', Caption: caption } };
    const record = await h.clientFor(token).client.registerImage('album-1', response, {});
    expect(record.exifs).toEqual({ Make: 'FUJIFILM', Caption: caption });
    await h.backend.close();

    const db = new Database(path.join(h.dir, 'albums.sqlite'), { readonly: true });
    const stored = (db.prepare('SELECT record FROM images').get() as { record: string }).record;
    db.close();
    expect(stored.split('Harbour at dawn').length - 1).toBe(1);

    const again = await startAlbumBackend({ dbPath: path.join(h.dir, 'albums.sqlite'), jwtSecret: 'jwt-test-secret', cloudinary, clock: h.clock });
    try {
      const [back] = again.listImages('album-1');
      expect(back.exifs).toEqual({ Make: 'FUJIFILM', Caption: caption });
      expect(back.infos.image_metadata).toEqual({ Make: 'FUJIFILM', Caption: caption });
      const [listed] = await createBackendClient({ baseUrl: again.url, tokens: memoryTokens(token) }).listImages('album-1');
      expect(listed.exifs).toEqual({ Make: 'FUJIFILM', Caption: caption });
    } finally {
      await again.close();
    }
  });

  it('keeps albums and images across a restart (same SQLite file)', async () => {
    const token = await h.backend.issueToken({ userId: 'u1', albumIds: ['album-1'] });
    await h.clientFor(token).client.registerImage('album-1', uploadResponse('pixdrop/keep'), {});
    await h.backend.close();
    const again = await startAlbumBackend({ dbPath: path.join(h.dir, 'albums.sqlite'), jwtSecret: 'jwt-test-secret', cloudinary, clock: h.clock });
    try {
      expect(again.listImages('album-1').map((r) => r.infos.public_id)).toEqual(['pixdrop/keep']);
    } finally {
      await again.close();
    }
  });
});

describe('tokens', () => {
  it('stores every X-token and uses it for the next call', async () => {
    const token = await h.backend.issueToken({ userId: 'u1', albumIds: ['album-1'] });
    const { client, tokens } = h.clientFor(token);
    h.clock.advance(60_000);
    await client.listAlbums();
    expect(tokens.seen).toHaveLength(1);
    const fresh = tokens.seen[0];
    expect(fresh).not.toBe(token);
    const claims = decodeJwt(fresh);
    expect(claims).toMatchObject({ user_id: 'u1', abilities: { 'album-1': { Access: { image_upload: true } } } });
    expect(claims.iat).toBe(decodeJwt(token).iat! + 60);
    expect(claims.exp! - claims.iat!).toBe(4 * 3600);

    // The original expires; the refreshed one still works, so the client must be sending it.
    h.clock.advance(4 * 3600 * 1000 - 30_000);
    await expect(client.listAlbums()).resolves.toHaveLength(1);
  });

  it('maps an expired token to AUTH and a missing one to a message naming PIXDROP_API_TOKEN', async () => {
    const token = await h.backend.issueToken({ userId: 'u1', albumIds: ['album-1'], expiresInSeconds: 60 });
    h.clock.advance(61_000);
    const expired = await failure(h.clientFor(token).client.listAlbums());
    expect(expired.code).toBe('AUTH');
    expect(expired.details?.httpStatus).toBe(401);
    expect(expired.message).not.toContain(token);

    const missing = await failure(h.clientFor(null).client.listAlbums());
    expect(missing.code).toBe('AUTH');
    expect(missing.message).toContain('PIXDROP_API_TOKEN');
    expect(missing.message).toContain('Settings');
    expect(h.backend.stats().requests).toBe(1);
  });

  it('refuses an album the token was not granted', async () => {
    await h.backend.issueToken({ userId: 'owner', albumIds: ['private'] });
    const intruder = h.clientFor(await h.backend.issueToken({ userId: 'intruder' })).client;
    const error = await failure(intruder.registerImage('private', uploadResponse('pixdrop/x'), {}));
    expect(error.code).toBe('AUTH');
    expect(h.backend.listImages('private')).toEqual([]);
  });
});

describe('faults', () => {
  it('turns injected failures into the error codes the queue acts on', async () => {
    const token = await h.backend.issueToken({ userId: 'u1', albumIds: ['album-1'] });
    const { client } = h.clientFor(token, 1500);

    h.backend.setFaults({ error429: 1, retryAfterSeconds: 7 });
    const limited = await failure(client.listAlbums());
    expect([limited.code, limited.retryAfterSeconds]).toEqual(['RATE_LIMITED', 7]);

    h.backend.setFaults({ error500: 1 });
    expect((await failure(client.listAlbums())).code).toBe('NETWORK');

    h.backend.setFaults({ malformed: 1 });
    expect((await failure(client.createAlbum('Half'))).code).toBe('BAD_RESPONSE');
    h.backend.setFaults({});
    expect((await client.listAlbums()).map((a) => a.name)).toContain('Half'); // the work was done

    h.backend.setFaults({ reset: 1 });
    expect((await failure(client.registerImage('album-1', uploadResponse('pixdrop/reset'), {}))).code).toBe('NETWORK');
    h.backend.setFaults({});
    expect(h.backend.listImages('album-1')).toEqual([]);

    h.backend.setFaults({ hang: 1 });
    const started = Date.now();
    expect((await failure(client.listAlbums())).code).toBe('NETWORK');
    expect(Date.now() - started).toBeGreaterThanOrEqual(1400);
    expect(h.backend.stats().faults).toMatchObject({ error429: 1, error500: 1, malformed: 1, reset: 1, hang: 1 });
  });
});
