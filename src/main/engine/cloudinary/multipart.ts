/**
 * multipart/form-data framing for one upload request, computed up front so the request can carry an
 * exact Content-Length while the file bytes stream from disk. Order is the SDK's: the text fields as
 * given (signed params, signature, api_key), then `file` last so a server can check the signature
 * before any byte of the file arrives.
 */
import { randomBytes } from 'node:crypto';

export interface MultipartFrame {
  contentType: string;
  /** Everything before the file bytes. */
  head: Buffer;
  /** Everything after the file bytes. */
  tail: Buffer;
  /** head + file + tail. */
  totalLength(fileLength: number): number;
}

/**
 * A quoted header value cannot hold a quote, a backslash (an escape to some parsers) or a control
 * character (ESC, CR, LF, NUL… end or corrupt the header). RFC 7578 §4.2 percent-encodes them as browsers
 * do for quotes and line breaks (`filename*` must not be used in form data); every other character,
 * non-ASCII included, goes as UTF-8. The name is cosmetic here: the photo's own name travels in
 * metadatas[filename], form-encoded, exactly as it is.
 */
function escapeQuoted(value: string): string {
  // eslint-disable-next-line no-control-regex
  return value.replace(/["\\\u0000-\u001f\u007f]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

export function multipartFrame(
  fields: Record<string, string>,
  filename: string,
  boundary = `PixDropFormBoundary${randomBytes(12).toString('hex')}`,
): MultipartFrame {
  const parts: string[] = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(`--${boundary}\r\nContent-Disposition: form-data; name="${escapeQuoted(name)}"\r\n\r\n${value}\r\n`);
  }
  parts.push(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${escapeQuoted(filename)}"\r\n` + 'Content-Type: application/octet-stream\r\n\r\n',
  );
  const head = Buffer.from(parts.join(''), 'utf8');
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`, 'utf8');
  return {
    contentType: `multipart/form-data; boundary=${boundary}`,
    head,
    tail,
    totalLength: (fileLength) => head.length + fileLength + tail.length,
  };
}
