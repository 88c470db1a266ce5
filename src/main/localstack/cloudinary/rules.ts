/**
 * The local Cloudinary's request rules, pure: credentials, signature, timestamp age, chunk headers.
 * Messages follow the real service's wording (cloudinary-protocol.md §3–§5) so clients are tested
 * against what they will meet.
 */
import { algorithmOfSignature, sameHex, signParams, stringToSign } from '../../engine/cloudinary/sign';

export interface Refusal {
  status: number;
  message: string;
}

export interface Credentials {
  cloudName: string;
  apiKey: string;
  apiSecret: string;
}

/** Cloudinary rejects non-final parts of 5 MB or less; we use the stricter binary megabytes. */
export const MIN_NON_FINAL_CHUNK = 5 * 1024 * 1024;
const MAX_AGE_SECONDS = 3600;

const refuse = (status: number, message: string): Refusal => ({ status, message });

function staleTime(seconds: number): string {
  return `${new Date(seconds * 1000)
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d+Z$/, '')} +0000`;
}

/** Everything but the file bytes, the key and the signature is signed (v2 escaping). */
export function checkAuth(fields: Record<string, string>, credentials: Credentials, nowMs: number): Refusal | null {
  if (!fields.api_key) return refuse(401, 'Must supply api_key');
  if (fields.api_key !== credentials.apiKey) return refuse(401, `Unknown API key ${fields.api_key}`);
  if (!fields.timestamp) return refuse(400, 'Missing required parameter - timestamp');
  if (!fields.signature) return refuse(400, 'Missing required parameter - signature');
  const algorithm = algorithmOfSignature(fields.signature);
  const expected = signParams(fields, credentials.apiSecret, algorithm ?? 'sha1', 2);
  if (!algorithm || !sameHex(expected, fields.signature)) {
    return refuse(401, `Invalid Signature ${fields.signature}. String to sign - '${stringToSign(fields, 2)}'.`);
  }
  const timestamp = Number(fields.timestamp);
  if (!Number.isFinite(timestamp)) return refuse(400, `Invalid timestamp ${fields.timestamp}`);
  if (timestamp < nowMs / 1000 - MAX_AGE_SECONDS) {
    return refuse(400, `Stale request - reported time is ${staleTime(timestamp)} which is more than 1 hour ago`);
  }
  return null;
}

export interface ChunkHeaders {
  uploadId: string;
  start: number;
  /** Inclusive. */
  end: number;
  /** null when the client streamed and sent `/-1`. */
  total: number | null;
}

/** null: not a chunk request (plain upload). */
export function parseChunkHeaders(contentRange: string | undefined, uploadId: string | undefined): ChunkHeaders | Refusal | null {
  if (!contentRange) return null;
  if (!uploadId) return refuse(400, 'Missing required parameter - public_id');
  const match = /^bytes (\d+)-(\d+)\/(-1|\d+)$/.exec(contentRange.trim());
  if (!match) return refuse(400, `Invalid Content-Range header: ${contentRange}`);
  const [start, end] = [Number(match[1]), Number(match[2])];
  const total = match[3] === '-1' ? null : Number(match[3]);
  if (end < start || (total !== null && end >= total)) return refuse(400, `Invalid Content-Range header: ${contentRange}`);
  return { uploadId, start, end, total };
}

export function isRefusal(value: unknown): value is Refusal {
  return !!value && typeof value === 'object' && 'status' in value && 'message' in value;
}

export function isFinalChunk(chunk: ChunkHeaders): boolean {
  return chunk.total !== null && chunk.end === chunk.total - 1;
}

/** Chunk rules before any byte is written: contiguous from what was received, parts big enough. */
export function checkChunk(chunk: ChunkHeaders, received: number): Refusal | null {
  if (chunk.start > received) {
    return refuse(400, `Chunk starts at byte ${chunk.start} but only ${received} bytes were received for upload ${chunk.uploadId}`);
  }
  if (!isFinalChunk(chunk) && chunk.end - chunk.start + 1 < MIN_NON_FINAL_CHUNK) {
    return refuse(400, 'All parts except EOF-chunk must be larger than 5mb');
  }
  return null;
}
