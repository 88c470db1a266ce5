import { describe, expect, it } from 'vitest';
import { tokenFromHeader } from '../../../src/main/localstack/backend/auth';
import { buildImageRecord, exifDateToIso, patchImageRecord, transformedUrl } from '../../../src/main/localstack/backend/image-record';
import { parseImagePatch } from '../../../src/main/localstack/backend/routes-images';
import { whitelistUploadParams } from '../../../src/main/localstack/backend/routes-signature';
import { parseNotification, uploadInfosOf } from '../../../src/main/localstack/backend/routes-webhook';
import { abilitiesFor, grantedAlbumIds, mayUpload, type UserClaims } from '../../../src/main/localstack/backend/tokens';

const claims: UserClaims = { user_id: 'u1', abilities: { ...abilitiesFor(['granted']), denied: { Access: { image_upload: false } } } };

describe('album access', () => {
  it('lets the owner and granted albums through, nothing else', () => {
    expect(mayUpload(claims, { id: 'mine', owner_user_id: 'u1' }, 'mine')).toBe(true);
    expect(mayUpload(claims, null, 'granted')).toBe(true);
    expect(mayUpload(claims, { id: 'granted', owner_user_id: 'someone' }, 'granted')).toBe(true);
    expect(mayUpload(claims, { id: 'denied', owner_user_id: 'someone' }, 'denied')).toBe(false);
    expect(mayUpload(claims, { id: 'theirs', owner_user_id: 'u2' }, 'theirs')).toBe(false);
    expect(mayUpload({ user_id: 'u1' }, null, 'granted')).toBe(false);
    expect(grantedAlbumIds(claims)).toEqual(['granted']);
  });

  it('reads the token from the seed header form and Bearer', () => {
    expect(tokenFromHeader('Token token="a.b.c"')).toBe('a.b.c');
    expect(tokenFromHeader('Token token=a.b.c')).toBe('a.b.c');
    expect(tokenFromHeader('Bearer a.b.c')).toBe('a.b.c');
    expect(tokenFromHeader('Basic dXNlcjpwYXNz')).toBeNull();
    expect(tokenFromHeader(undefined)).toBeNull();
  });
});

describe('image records', () => {
  const secure = 'http://127.0.0.1:4000/demo/image/authenticated/v1700000000/pixdrop/abc.png';

  it('derives the thumbnail URL by inserting the transformation and switching to jpg', () => {
    expect(transformedUrl(secure, '1700000000', 'c_fill,h_300,w_300')).toBe(
      'http://127.0.0.1:4000/demo/image/authenticated/c_fill,h_300,w_300/v1700000000/pixdrop/abc.jpg',
    );
    expect(transformedUrl('http://x/demo/image/upload/abc.png', '1700000000', 't')).toBeNull();
  });

  it('turns EXIF dates into the seed form', () => {
    expect(exifDateToIso('2018:01:01 08:00:00')).toBe('2018-01-01T08:00:00.000+00:00');
    expect(exifDateToIso('garbage')).toBeNull();
  });

  it('merges an update into the earlier record, keeping id, created_at and edits', () => {
    const first = buildImageRecord({
      id: 'r1',
      albumId: 'a',
      infos: { public_id: 'p', version: '1700000000', secure_url: secure, width: '10' },
      metadatas: { sha1: 'x' },
      nowIso: '2025-01-01T00:00:00.000Z',
    });
    const titled = patchImageRecord(first, { title: 'Dune' }, '2025-01-02T00:00:00.000Z');
    const second = buildImageRecord({
      id: 'r2',
      albumId: 'a',
      infos: { public_id: 'p', height: '20' },
      metadatas: { taken_at: '2024-06-01T10:00:00+02:00' },
      nowIso: '2025-01-03T00:00:00.000Z',
      previous: titled,
    });
    expect(second).toMatchObject({
      id: 'r2',
      created_at: '2025-01-01T00:00:00.000Z',
      updated_at: '2025-01-03T00:00:00.000Z',
      width: 10,
      height: 20,
      title: 'Dune',
      taken_at: '2024-06-01T10:00:00+02:00',
    });
    expect(second.metadatas).toEqual({ sha1: 'x', taken_at: '2024-06-01T10:00:00+02:00' });
    expect(second.thumbnails.large).toContain('/c_fill,h_300,w_300/v1700000000/');
  });

  it('accepts only string titles and object metadatas in a PATCH', () => {
    expect(parseImagePatch({ title: 'a', metadatas: { k: 'v' } })).toEqual({ title: 'a', metadatas: { k: 'v' } });
    expect(parseImagePatch({ title: 3 })).toMatch(/title/);
    expect(parseImagePatch([])).toMatch(/JSON object/);
  });
});

describe('upload signature whitelist', () => {
  it('forces type, tags, analysis flags, webhook and timestamp; keeps only the pixdrop/ public_id', () => {
    const params = whitelistUploadParams(
      { public_id: 'pixdrop/abc', type: 'upload', tags: 'x', faces: '0', eager: 'w_1', overwrite: '1' },
      'album',
      'http://b/api/v1/cloudinary?token=t',
      1718000000,
    );
    expect(params).toEqual({
      colors: '1',
      faces: '1',
      image_metadata: '1',
      notification_url: 'http://b/api/v1/cloudinary?token=t',
      overwrite: '1',
      phash: '1',
      public_id: 'pixdrop/abc',
      tags: 'album',
      timestamp: '1718000000',
      type: 'authenticated',
    });
    expect(whitelistUploadParams({ public_id: 'other/abc' }, 'a', 'u', 1)).toMatch(/pixdrop\//);
    expect(whitelistUploadParams({ public_id: 'pixdrop/' }, 'a', 'u', 1)).toMatch(/pixdrop\//);
    expect(whitelistUploadParams(undefined, 'a', 'u', 1)).toMatch(/params/);
  });
});

describe('notifications', () => {
  it('parses JSON and form bodies; records uploads, ignores errors and other types', () => {
    const upload = parseNotification(Buffer.from('{"notification_type":"upload","public_id":"p","version":1,"colors":[["#fff",1.5]]}'))!;
    expect(uploadInfosOf(upload)).toEqual({ public_id: 'p', version: '1', colors: ['#fff', '1.5'] });
    expect(uploadInfosOf(parseNotification(Buffer.from('public_id=p&version=2'))!)).toEqual({ public_id: 'p', version: '2' });
    expect(uploadInfosOf({ notification_type: 'error', public_id: 'p' })).toBeNull();
    expect(uploadInfosOf({ notification_type: 'eager', public_id: 'p' })).toBeNull();
    expect(uploadInfosOf({ version: 1 })).toBeNull();
    expect(parseNotification(Buffer.from('{"broken'))).toBeNull();
  });
});
