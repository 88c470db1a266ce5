/**
 * Cloudinary signatures (cloudinary-protocol.md §3, §6, §7). Pure functions over node:crypto.
 * Callers pass the exact wire values: whatever is sent as a form field is what gets signed.
 */
import { createHash, timingSafeEqual } from 'node:crypto';

export type SignableValue = string | number | boolean | null | undefined | readonly (string | number)[];
export type SignatureAlgorithm = 'sha1' | 'sha256';

/** Params never signed: the bytes, the key itself and the signature. */
const UNSIGNED_KEYS = new Set(['file', 'api_key', 'signature']);

function wireValue(value: SignableValue): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.filter((item) => item !== '' && item !== null && item !== undefined).join(',');
  return String(value);
}

/** The signed params as they are sent: blanks dropped, arrays joined, everything a string. */
export function signableEntries(params: Record<string, SignableValue>): Array<[string, string]> {
  const entries: Array<[string, string]> = [];
  for (const [key, raw] of Object.entries(params)) {
    if (UNSIGNED_KEYS.has(key)) continue;
    const value = wireValue(raw);
    if (value !== '') entries.push([key, value]);
  }
  // Code-unit order; identical to the SDK's localeCompare for Cloudinary's [a-z_] parameter names.
  return entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** `k=v&k=v` without the secret. Version 2 escapes `&` inside each pair so values cannot smuggle params. */
export function stringToSign(params: Record<string, SignableValue>, version: 1 | 2): string {
  return signableEntries(params)
    .map(([key, value]) => {
      const pair = `${key}=${value}`;
      return version === 2 ? pair.replaceAll('&', '%26') : pair;
    })
    .join('&');
}

function digest(text: string | Buffer, algorithm: SignatureAlgorithm): string {
  return createHash(algorithm).update(text).digest('hex');
}

export function signParams(params: Record<string, SignableValue>, secret: string, algorithm: SignatureAlgorithm = 'sha1', version: 1 | 2 = 2): string {
  return digest(stringToSign(params, version) + secret, algorithm);
}

/** Webhook signature: raw body bytes + timestamp + secret, no separators. */
export function notificationSignature(body: string | Buffer, timestamp: string | number, secret: string, algorithm: SignatureAlgorithm = 'sha1'): string {
  const bodyBytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  return digest(Buffer.concat([bodyBytes, Buffer.from(`${timestamp}${secret}`, 'utf8')]), algorithm);
}

/** The upload response's `signature`: always signature version 1 over public_id and version. */
export function responseSignature(publicId: string, version: number | string, secret: string, algorithm: SignatureAlgorithm = 'sha1'): string {
  return signParams({ public_id: publicId, version }, secret, algorithm, 1);
}

/** The algorithm a hex signature was made with, judged by its length (40 → SHA-1, 64 → SHA-256). */
export function algorithmOfSignature(signature: string): SignatureAlgorithm | null {
  if (!/^[0-9a-f]+$/i.test(signature)) return null;
  if (signature.length === 40) return 'sha1';
  if (signature.length === 64) return 'sha256';
  return null;
}

/** Constant-time comparison of two hex strings (different lengths are simply unequal). */
export function sameHex(a: string, b: string): boolean {
  const left = Buffer.from(a.toLowerCase(), 'utf8');
  const right = Buffer.from(b.toLowerCase(), 'utf8');
  return left.length === right.length && timingSafeEqual(left, right);
}

export interface NotificationCheck {
  body: string | Buffer;
  timestamp: string | number;
  signature: string;
  secret: string;
  nowSeconds: number;
  /** Older than this is refused (default 7200, the SDK's valid_for). Exactly the limit still passes. */
  maxAgeSeconds?: number;
  /** Further in the future than this is refused (default 300): clocks drift, replays should not. */
  maxFutureSeconds?: number;
}

export function verifyNotificationSignature(o: NotificationCheck): boolean {
  const timestamp = Number(o.timestamp);
  if (!Number.isFinite(timestamp)) return false;
  if (timestamp < o.nowSeconds - (o.maxAgeSeconds ?? 7200)) return false;
  if (timestamp > o.nowSeconds + (o.maxFutureSeconds ?? 300)) return false;
  const algorithm = algorithmOfSignature(o.signature);
  if (!algorithm) return false;
  return sameHex(notificationSignature(o.body, String(o.timestamp), o.secret, algorithm), o.signature);
}
