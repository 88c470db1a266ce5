import { describe, expect, it } from 'vitest';
import { multipartFrame } from '../../../src/main/engine/cloudinary/multipart';

describe('multipartFrame', () => {
  it('percent-encodes quotes, backslashes and control characters of the file name, keeps the rest as UTF-8', () => {
    const frame = multipartFrame({ api_key: '1' }, 'Trip \u001b[31m "q"\r\nline\\x\u0000\u007f é 📷.jpg', 'B');
    const head = frame.head.toString('utf8');
    expect(head).toContain('filename="Trip %1B[31m %22q%22%0D%0Aline%5Cx%00%7F é 📷.jpg"\r\n');
    // One line per header: nothing in the name ends the Content-Disposition line early.
    const fileHeaders = head.slice(head.lastIndexOf('--B\r\n') + 5).split('\r\n');
    expect(fileHeaders.slice(0, 3)).toEqual([
      expect.stringMatching(/^Content-Disposition: form-data; name="file"; filename="[^"\r\n]*"$/),
      'Content-Type: application/octet-stream',
      '',
    ]);
    expect(head).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/);
  });
});
