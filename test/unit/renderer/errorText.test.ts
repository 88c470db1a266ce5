/** Why a photo did not upload, in plain words, for every error the engine can report. */
import { describe, expect, it } from 'vitest';
import { errorDetail, errorHeadline } from '../../../src/renderer/lib/errorText';
import { ERROR_CODES, toView, type ErrorCode } from '../../../src/shared/errors';

const view = (code: ErrorCode, message = '') => ({ code, message });

describe('errorHeadline', () => {
  it('has its own sentence for every ErrorCode, never the raw code or the engine message', () => {
    const headlines = ERROR_CODES.map((code) => errorHeadline(view(code, 'raw engine message')));
    for (const [i, headline] of headlines.entries()) {
      expect(headline, ERROR_CODES[i]).not.toBe('raw engine message');
      expect(headline, ERROR_CODES[i]).not.toContain(ERROR_CODES[i]);
      expect(headline.length, ERROR_CODES[i]).toBeGreaterThan(15);
      expect(headline, ERROR_CODES[i]).toMatch(/^[A-Z].*\.$/);
    }
    expect(new Set(headlines).size).toBe(ERROR_CODES.length);
  });

  it.each([
    ['OFFLINE', 'No connection. It will upload when you are back online.'],
    ['AUTH', 'Not signed in, or the sign-in expired. Enter a new token in Settings.'],
    ['RATE_LIMITED', 'The server asked us to slow down. Waiting before trying again.'],
    ['EMPTY_FILE', 'The file is empty (0 bytes).'],
    ['FILE_GONE', 'The file is no longer there (moved, deleted, or the card was removed).'],
    ['NOT_A_PHOTO', 'This is not a photo format PixDrop can upload.'],
    ['DISK_FULL', 'The disk is full: PixDrop could not save its progress.'],
  ] as const)('%s reads "%s"', (code, text) => {
    expect(errorHeadline(view(code))).toBe(text);
  });

  it('tells the photographer where to act when only they can fix it', () => {
    expect(errorHeadline(view('AUTH'))).toContain('Settings');
    expect(errorHeadline(view('CONFIG'))).toContain('Settings');
    expect(errorHeadline(view('INTERNAL'))).toContain('log file');
  });

  it('falls back to the message for a code it does not know (a newer engine)', () => {
    expect(errorHeadline({ code: 'SOMETHING_NEW' as ErrorCode, message: 'Upload quota reached.' })).toBe('Upload quota reached.');
  });
});

describe('errorDetail', () => {
  it('adds the engine message under the headline', () => {
    expect(errorDetail(view('REJECTED', 'Cloudinary refused IMG_0001.CR3: Invalid image file.'))).toBe('Cloudinary refused IMG_0001.CR3: Invalid image file.');
  });

  it('is left out when the message is empty or only repeats the headline', () => {
    expect(errorDetail(view('NETWORK', ''))).toBeNull();
    expect(errorDetail(view('OFFLINE', errorHeadline(view('OFFLINE'))))).toBeNull();
  });

  it('shows an unexpected failure with its headline and the engine explanation', () => {
    const error = toView(new TypeError('x is undefined'));
    expect(errorHeadline(error)).toBe('Something went wrong inside PixDrop. Please report it with the log file.');
    expect(errorDetail(error)).toBe('Unexpected error: x is undefined. Please report it with the log file.');
  });
});
