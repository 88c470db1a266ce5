/** classifyHttp: an HTTP answer becomes the code the queue acts on, with a message a person can act on. */
import { describe, expect, it } from 'vitest';
import { classifyHttp, classifyNodeError } from '../../../src/main/engine/queue/retry-policy';

describe('classifyHttp', () => {
  it.each([
    [420, 'RATE_LIMITED'],
    [429, 'RATE_LIMITED'],
    [401, 'AUTH'],
    [403, 'AUTH'],
    [500, 'NETWORK'],
    [503, 'NETWORK'],
    [408, 'NETWORK'],
    [400, 'REJECTED'],
    [200, 'BAD_RESPONSE'],
  ])('HTTP %i → %s', (status, code) => {
    expect(classifyHttp({ status, service: 'Cloudinary' }).code).toBe(code);
  });

  it('keeps Retry-After and embeds the server sentence once, without a doubled stop', () => {
    const error = classifyHttp({ status: 401, serverMessage: 'The token is not valid.', retryAfter: '7', service: 'the album backend' });
    expect(error.message).toContain('(HTTP 401): The token is not valid. Enter a new token');
    expect(error.retryAfterSeconds).toBe(7);
  });
});

describe('classifyNodeError', () => {
  const withCode = (code: string) => Object.assign(new Error(code), { code });
  it('tells "server unreachable" from "the line broke" from "the file is gone"', () => {
    expect(classifyNodeError(withCode('ECONNREFUSED'), 'the album backend').code).toBe('OFFLINE');
    expect(classifyNodeError(withCode('ECONNRESET'), 'Cloudinary').code).toBe('NETWORK');
    expect(classifyNodeError(withCode('ENOENT'), '"a.jpg"').code).toBe('FILE_GONE');
    expect(classifyNodeError({ cause: withCode('ENETUNREACH') }, 'Cloudinary').code).toBe('OFFLINE');
  });
});
