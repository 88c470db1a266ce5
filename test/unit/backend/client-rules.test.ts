import { describe, expect, it } from 'vitest';
import { joinUrl, serverMessageOf } from '../../../src/main/engine/backend/http';
import type { ImageRecord } from '../../../src/main/engine/backend/client';
import { findByCloudinaryId } from '../../../src/main/engine/backend/register';
import { isFresh, paramsKey, REUSE_SECONDS, signedRequestOf } from '../../../src/main/engine/backend/remote-signer';

describe('remote signer rules', () => {
  it('puts signed params first (sorted, timestamp included), then signature and api_key', () => {
    const request = signedRequestOf({
      upload_url: 'http://c/v1_1/x/image/upload',
      api_key: 'k',
      timestamp: 1718000000,
      signature: 's',
      params: { type: 'authenticated', public_id: 'pixdrop/a', timestamp: '1718000000' },
    });
    expect(request.url).toBe('http://c/v1_1/x/image/upload');
    expect(Object.entries(request.fields)).toEqual([
      ['public_id', 'pixdrop/a'],
      ['timestamp', '1718000000'],
      ['type', 'authenticated'],
      ['signature', 's'],
      ['api_key', 'k'],
    ]);
  });

  it('adds the timestamp when the server kept it outside params', () => {
    const request = signedRequestOf({ upload_url: 'u', api_key: 'k', timestamp: '5', signature: 's', params: { public_id: 'p' } });
    expect(request.fields.timestamp).toBe('5');
  });

  it('treats a signature as fresh below 55 minutes only', () => {
    const ts = 1_718_000_000;
    expect(isFresh(ts, (ts + REUSE_SECONDS - 1) * 1000)).toBe(true);
    expect(isFresh(String(ts), (ts + REUSE_SECONDS) * 1000)).toBe(false);
    expect(isFresh('nope', ts * 1000)).toBe(false);
  });

  it('keys params by content, not by order or timestamp', () => {
    expect(paramsKey({ a: '1', b: '2', timestamp: '9' })).toBe(paramsKey({ b: '2', a: '1' }));
    expect(paramsKey({ a: '1' })).not.toBe(paramsKey({ a: '2' }));
  });
});

describe('client helpers', () => {
  it('finds the record of a Cloudinary public_id even when the backend ignored the filter', () => {
    const records = [
      { id: '1', infos: { public_id: 'pixdrop/a' } },
      { id: '2', infos: { public_id: 'pixdrop/b' } },
    ] as unknown as ImageRecord[];
    expect(findByCloudinaryId(records, 'pixdrop/b')?.id).toBe('2');
    expect(findByCloudinaryId(records, 'pixdrop/c')).toBeNull();
  });

  it('keeps a base path and reads the server message in its usual forms', () => {
    expect(joinUrl('https://h/prefix/', '/api/v1/albums')).toBe('https://h/prefix/api/v1/albums');
    expect(serverMessageOf('{"error":"Name taken"}')).toBe('Name taken');
    expect(serverMessageOf('{"error":{"message":"Empty file"}}')).toBe('Empty file');
    expect(serverMessageOf('<html>oops</html>')).toBeUndefined();
  });
});
