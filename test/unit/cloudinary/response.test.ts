import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src/shared/errors';
import { readChunkAnswer, readFinalAnswer } from '../../../src/main/engine/cloudinary/response';

const NOW = Date.parse('2024-06-10T12:00:00Z');
const codeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return error instanceof AppError ? { code: error.code, message: error.message, retryAfterSeconds: error.retryAfterSeconds } : { code: 'not an AppError' };
  }
  return { code: 'no error' };
};

describe('a signature refused as a "Stale request"', () => {
  const stale = JSON.stringify({ error: { message: 'Stale request - reported time is 2024-06-10 10:00:00 +0000 which is more than 1 hour ago' } });
  const local = NOW - 2 * 3600 * 1000; // this computer believes it is 10:00

  it("says by how much this computer's clock is behind Cloudinary's (its Date header), not 'check the file'", () => {
    const error = codeOf(() => readFinalAnswer({ status: 400, retryAfter: null, text: stale, date: new Date(NOW).toUTCString() }, local));
    expect(error.code).toBe('REJECTED');
    expect(error.message).toMatch(/this computer's clock is 2 h 0 min behind Cloudinary's\. Set the date, time and time zone right/);
    expect(error.message).not.toContain('Check the file');
    expect(codeOf(() => readChunkAnswer({ status: 400, retryAfter: null, text: stale }, local)).message).toMatch(/clock is probably more than an hour behind/);
  });

  it('blames the clock that signed it when ours agrees with Cloudinary (remote signing)', () => {
    const error = codeOf(() => readFinalAnswer({ status: 400, retryAfter: null, text: stale, date: new Date(NOW).toUTCString() }, NOW));
    expect(error.message).toMatch(/this computer's clock is within 2 s of Cloudinary's: the clock of whatever signed it \(the album backend\) is wrong/);
  });
});

describe('reading Cloudinary answers', () => {
  it('returns the upload response of a 200', () => {
    const body = { public_id: 'p', version: 3, bytes: 10, extra_field_added_later: true };
    expect(readFinalAnswer({ status: 200, retryAfter: null, text: JSON.stringify(body) }, NOW)).toEqual(body);
  });

  it('keeps the server message of any status, even 403 and 502', () => {
    const text = JSON.stringify({ error: { message: 'Not allowed here' } });
    expect(codeOf(() => readFinalAnswer({ status: 403, retryAfter: null, text }, NOW))).toMatchObject({
      code: 'AUTH',
      message: expect.stringContaining('Not allowed here'),
    });
    expect(codeOf(() => readFinalAnswer({ status: 502, retryAfter: null, text }, NOW))).toMatchObject({
      code: 'NETWORK',
      message: expect.stringContaining('Not allowed here'),
    });
  });

  it('maps rate limits with Retry-After, and bad 200s to BAD_RESPONSE', () => {
    expect(codeOf(() => readChunkAnswer({ status: 420, retryAfter: '12', text: '' }, NOW))).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: 12 });
    expect(codeOf(() => readFinalAnswer({ status: 200, retryAfter: null, text: '{"public_id":"p","vers' }, NOW)).code).toBe('BAD_RESPONSE');
    expect(codeOf(() => readFinalAnswer({ status: 200, retryAfter: null, text: '{"done":false,"bytes":5}' }, NOW)).code).toBe('BAD_RESPONSE');
    expect(codeOf(() => readChunkAnswer({ status: 200, retryAfter: null, text: '<html>' }, NOW)).code).toBe('BAD_RESPONSE');
  });

  it('acknowledges a non-final chunk', () => {
    expect(readChunkAnswer({ status: 200, retryAfter: null, text: '{"done":false,"bytes":6000000}' }, NOW)).toEqual({ done: false, bytes: 6000000 });
  });
});
