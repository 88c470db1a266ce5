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

/** Quotes and line breaks cannot appear inside a quoted header value; browsers percent-encode them. */
function escapeQuoted(value: string): string {
  return value.replace(/"/g, '%22').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

export function multipartFrame(fields: Record<string, string>, filename: string, boundary = `PixDropFormBoundary${randomBytes(12).toString('hex')}`): MultipartFrame {
  const parts: string[] = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(`--${boundary}\r\nContent-Disposition: form-data; name="${escapeQuoted(name)}"\r\n\r\n${value}\r\n`);
  }
  parts.push(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${escapeQuoted(filename)}"\r\n` +
      'Content-Type: application/octet-stream\r\n\r\n',
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
