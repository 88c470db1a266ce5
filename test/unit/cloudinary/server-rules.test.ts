import { describe, expect, it } from 'vitest';
import { signParams } from '../../../src/main/engine/cloudinary/sign';
import { parseDeliveryPath } from '../../../src/main/localstack/cloudinary/delivery';
import { checkAuth, checkChunk, isFinalChunk, MIN_NON_FINAL_CHUNK, parseChunkHeaders, type ChunkHeaders } from '../../../src/main/localstack/cloudinary/rules';

const credentials = { cloudName: 'demo', apiKey: '1234', apiSecret: 'abcd' };
const now = 1315060510 * 1000;
const signed = (params: Record<string, string>, algorithm: 'sha1' | 'sha256' = 'sha1') => ({
  ...params,
  signature: signParams(params, credentials.apiSecret, algorithm, 2),
  api_key: credentials.apiKey,
});

describe('checkAuth', () => {
  it('accepts SHA-1 and SHA-256 signatures', () => {
    expect(checkAuth(signed({ public_id: 'sample_image', timestamp: '1315060510' }), credentials, now)).toBeNull();
    expect(checkAuth(signed({ public_id: 'sample_image', timestamp: '1315060510' }, 'sha256'), credentials, now)).toBeNull();
  });

  it('answers a bad signature with 401 and the string to sign, without the secret', () => {
    const fields = { ...signed({ public_id: 'a&b', timestamp: '1315060510' }), public_id: 'other' };
    const refusal = checkAuth(fields, credentials, now)!;
    expect(refusal.status).toBe(401);
    expect(refusal.message).toBe(`Invalid Signature ${fields.signature}. String to sign - 'public_id=other&timestamp=1315060510'.`);
  });

  it('verifies with v2 escaping: a signed value with & cannot be split into two params', () => {
    const legit = signed({ notification_url: 'https://x/cb?a=1&tags=hello', timestamp: '1315060510' });
    expect(checkAuth(legit, credentials, now)).toBeNull();
    const split = { notification_url: 'https://x/cb?a=1', tags: 'hello', timestamp: '1315060510', signature: legit.signature, api_key: '1234' };
    expect(checkAuth(split, credentials, now)?.status).toBe(401);
  });

  it('refuses unknown keys and stale timestamps', () => {
    expect(checkAuth({ ...signed({ timestamp: '1315060510' }), api_key: '9' }, credentials, now)).toEqual({ status: 401, message: 'Unknown API key 9' });
    const stale = checkAuth(signed({ timestamp: String(1315060510 - 3601) }), credentials, now)!;
    expect(stale.status).toBe(400);
    expect(stale.message).toBe('Stale request - reported time is 2011-09-03 13:35:09 +0000 which is more than 1 hour ago');
    expect(checkAuth(signed({ timestamp: String(1315060510 - 3599) }), credentials, now)).toBeNull();
  });
});

describe('chunk headers and rules', () => {
  it('parses real totals and /-1, and needs the upload id', () => {
    expect(parseChunkHeaders('bytes 0-9/-1', 'id')).toEqual({ uploadId: 'id', start: 0, end: 9, total: null });
    expect(parseChunkHeaders('bytes 20-24/25', 'id')).toEqual({ uploadId: 'id', start: 20, end: 24, total: 25 });
    expect(parseChunkHeaders('bytes 0-9/10', undefined)).toEqual({ status: 400, message: 'Missing required parameter - public_id' });
    expect(parseChunkHeaders(undefined, 'id')).toBeNull();
    expect(parseChunkHeaders('bytes 5-2/10', 'id')).toMatchObject({ status: 400 });
    expect(parseChunkHeaders('bytes 0-10/10', 'id')).toMatchObject({ status: 400 });
  });

  const chunk = (start: number, end: number, total: number | null): ChunkHeaders => ({ uploadId: 'id', start, end, total });

  it('knows the final chunk only by a real total', () => {
    expect(isFinalChunk(chunk(10, 19, 20))).toBe(true);
    expect(isFinalChunk(chunk(10, 19, null))).toBe(false);
    expect(isFinalChunk(chunk(0, 9, 20))).toBe(false);
  });

  it('refuses small non-final parts, accepts a small final one, refuses gaps, allows re-sends', () => {
    expect(checkChunk(chunk(0, MIN_NON_FINAL_CHUNK - 2, null), 0)?.message).toBe('All parts except EOF-chunk must be larger than 5mb');
    expect(checkChunk(chunk(0, MIN_NON_FINAL_CHUNK - 1, null), 0)).toBeNull();
    expect(checkChunk(chunk(MIN_NON_FINAL_CHUNK, MIN_NON_FINAL_CHUNK, MIN_NON_FINAL_CHUNK + 1), MIN_NON_FINAL_CHUNK)).toBeNull();
    expect(checkChunk(chunk(MIN_NON_FINAL_CHUNK, MIN_NON_FINAL_CHUNK, MIN_NON_FINAL_CHUNK + 1), 0)?.status).toBe(400);
    expect(checkChunk(chunk(0, MIN_NON_FINAL_CHUNK - 1, null), MIN_NON_FINAL_CHUNK * 2)).toBeNull();
  });
});

describe('parseDeliveryPath', () => {
  it('reads original and thumbnail URLs, public ids with folders and percent-encoding', () => {
    expect(parseDeliveryPath('/demo/image/authenticated/v1718000000/pixdrop/3f78.jpg')).toEqual({
      cloud: 'demo',
      transformation: null,
      version: 1718000000,
      publicIds: ['pixdrop/3f78', 'pixdrop/3f78.jpg'],
      extension: 'jpg',
    });
    expect(parseDeliveryPath('/demo/image/upload/c_fill,h_300,w_300/v12/caf%C3%A9%20%E2%98%95.jpg')).toMatchObject({
      transformation: 'c_fill,h_300,w_300',
      version: 12,
      publicIds: ['café ☕', 'café ☕.jpg'],
    });
    expect(parseDeliveryPath('/demo/raw/upload/v3/notes')).toMatchObject({ publicIds: ['notes'], extension: null });
    expect(parseDeliveryPath('/favicon.ico')).toBeNull();
  });
});
