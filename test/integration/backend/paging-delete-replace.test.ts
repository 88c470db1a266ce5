/**
 * The album backend's listing is paged (X-Total-Count), records can be deleted, a PATCH with a
 * new upload answer replaces the photo, and a switch makes it keep duplicates of one public_id
 * (as backends that do not deduplicate do), over real HTTP.
 */
import { request } from 'undici';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { faultsFromEnv } from '../../../src/main/localstack/faults';
import { startHarness, uploadResponse, type Harness } from './setup';

let h: Harness;
afterEach(async () => {
  await h.stop();
});

const publicIdOf = (n: number) => `pixdrop/${String(n).padStart(40, '0')}`;

async function get(token: string, path: string) {
  const answer = await request(`${h.backend.url}${path}`, { headers: { authorization: `Token token="${token}"` } });
  return {
    status: answer.statusCode,
    total: answer.headers['x-total-count'],
    body: (await answer.body.json()) as Array<{ id: string; infos: { public_id: string } }> | { error: string },
  };
}

describe('paged listing', () => {
  beforeEach(async () => {
    h = await startHarness();
  });

  it('pages newest first, 100 by default, at most 1000, with X-Total-Count; bad paging is a 400 that says why', async () => {
    const token = await h.backend.issueToken({ userId: 'u1', albumIds: ['album-1'] });
    for (let n = 0; n < 250; n += 1) {
      h.backend.addImage('album-1', uploadResponse(publicIdOf(n)));
      h.clock.advance(1000);
    }
    const pages = await Promise.all([1, 2, 3].map((page) => get(token, `/api/v1/albums/album-1/images?page=${page}&per_page=100`)));
    expect(pages.map((p) => (p.body as unknown[]).length)).toEqual([100, 100, 50]);
    expect(pages.map((p) => p.total)).toEqual(['250', '250', '250']);
    const order = pages.flatMap((p) => (p.body as Array<{ infos: { public_id: string } }>).map((r) => r.infos.public_id));
    expect(order).toEqual(Array.from({ length: 250 }, (_, i) => publicIdOf(249 - i)));

    const unpaged = await get(token, '/api/v1/albums/album-1/images');
    expect((unpaged.body as unknown[]).length).toBe(100);
    expect((await get(token, '/api/v1/albums/album-1/images?per_page=1000')).body).toHaveLength(250);

    const tooMany = await get(token, '/api/v1/albums/album-1/images?per_page=1001');
    expect(tooMany.status).toBe(400);
    expect((tooMany.body as { error: string }).error).toMatch(/per_page must be a whole number from 1 to 1000/);
    expect((await get(token, '/api/v1/albums/album-1/images?page=0')).status).toBe(400);

    const filtered = await get(token, `/api/v1/albums/album-1/images?public_id=${encodeURIComponent(publicIdOf(7))}`);
    expect(filtered.total).toBe('1');
    expect((filtered.body as Array<{ infos: { public_id: string } }>).map((r) => r.infos.public_id)).toEqual([publicIdOf(7)]);

    const { client } = h.clientFor(token);
    const last = await client.listImagesPage('album-1', { page: 3, perPage: 100 });
    expect(last.total).toBe(250);
    expect(last.records).toHaveLength(50);
  });
});

describe('delete and replace', () => {
  beforeEach(async () => {
    h = await startHarness();
  });

  it('DELETE answers 204 and the record is gone; a second DELETE is 404; another user gets 403', async () => {
    const token = await h.backend.issueToken({ userId: 'u1', albumIds: ['album-1'] });
    const { client } = h.clientFor(token);
    const kept = await client.registerImage('album-1', uploadResponse(publicIdOf(1)), {});
    const gone = await client.registerImage('album-1', uploadResponse(publicIdOf(2)), {});

    const stranger = await h.backend.issueToken({ userId: 'u2' });
    const refused = await request(`${h.backend.url}/api/v1/images/${gone.id}`, { method: 'DELETE', headers: { authorization: `Token token="${stranger}"` } });
    expect(refused.statusCode).toBe(403);
    await refused.body.dump();

    const answer = await request(`${h.backend.url}/api/v1/images/${gone.id}`, { method: 'DELETE', headers: { authorization: `Token token="${token}"` } });
    expect(answer.statusCode).toBe(204);
    expect(answer.headers['x-token']).toBeTruthy();
    await answer.body.dump();
    expect(h.backend.listImages('album-1').map((r) => r.id)).toEqual([kept.id]);
    expect(await client.deleteImage(gone.id)).toBe(false);
    expect(await client.deleteImage(kept.id)).toBe(true);
    expect(h.backend.listImages('album-1')).toEqual([]);
    expect(h.backend.stats().imageDeletes).toBe(4);
  });

  it('PATCH with cloudinary[...] replaces the photo and keeps its id, title and description', async () => {
    const token = await h.backend.issueToken({ userId: 'u1', albumIds: ['album-1'] });
    const { client } = h.clientFor(token);
    const record = await client.registerImage('album-1', uploadResponse(publicIdOf(1)), { filename: 'DSCF0001.JPG' });
    await client.patchImage(record.id, { title: 'Black beach', description: 'Vik, at dawn' });

    const replacement = { ...uploadResponse(publicIdOf(9), 1736999999), width: 6000, height: 4000, phash: 'ffff0000ffff0000' };
    delete (replacement as { colors?: unknown }).colors;
    const answer = await request(`${h.backend.url}/api/v1/images/${record.id}`, {
      method: 'PATCH',
      headers: { authorization: `Token token="${token}"`, 'content-type': 'application/json' },
      body: JSON.stringify({ cloudinary: replacement }),
    });
    expect(answer.statusCode).toBe(200);
    const replaced = (await answer.body.json()) as Record<string, unknown> & { infos: Record<string, unknown>; thumbnails: Record<string, string> };
    expect(replaced).toMatchObject({ id: record.id, title: 'Black beach', description: 'Vik, at dawn', width: 6000, height: 4000 });
    expect(replaced.infos.public_id).toBe(publicIdOf(9));
    expect(replaced.infos.colors).toBeUndefined(); // replaced, not merged with the old upload
    expect(replaced.thumbnails.original).toContain('/v1736999999/');
    expect((await client.listImages('album-1', { publicId: publicIdOf(9) })).map((r) => r.id)).toEqual([record.id]);
    expect(await client.listImages('album-1', { publicId: publicIdOf(1) })).toEqual([]);

    const bad = await request(`${h.backend.url}/api/v1/images/${record.id}`, {
      method: 'PATCH',
      headers: { authorization: `Token token="${token}"`, 'content-type': 'application/json' },
      body: JSON.stringify({ cloudinary: { width: 1 } }),
    });
    expect(bad.statusCode).toBe(400);
    expect(((await bad.body.json()) as { error: string }).error).toMatch(/public_id/);
  });
});

describe('deduplication by public_id', () => {
  it('is on by default: two registrations of one public_id give one record', async () => {
    h = await startHarness();
    const token = await h.backend.issueToken({ userId: 'u1', albumIds: ['album-1'] });
    const { client } = h.clientFor(token);
    const a = await client.registerImage('album-1', uploadResponse(publicIdOf(1)), {});
    const b = await client.registerImage('album-1', uploadResponse(publicIdOf(1)), {});
    expect(b.id).toBe(a.id);
    expect(h.backend.listImages('album-1')).toHaveLength(1);
  });

  it('is off with {"duplicates": true} (option or PIXDROP_FAULTS): every registration is a record of its own', async () => {
    const env = { PIXDROP_FAULTS: '{"backend":{"duplicates":true}}' };
    h = await startHarness({ faults: faultsFromEnv('backend', env) });
    const token = await h.backend.issueToken({ userId: 'u1', albumIds: ['album-1'] });
    const { client } = h.clientFor(token);
    const a = await client.registerImage('album-1', uploadResponse(publicIdOf(1)), {});
    const b = await client.registerImage('album-1', uploadResponse(publicIdOf(1)), {});
    expect(b.id).not.toBe(a.id);
    expect((await client.listImages('album-1', { publicId: publicIdOf(1) })).map((r) => r.id).sort()).toEqual([a.id, b.id].sort());
    expect(faultsFromEnv('cloudinary', env)).toEqual({});
  });
});
