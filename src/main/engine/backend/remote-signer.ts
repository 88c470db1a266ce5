/**
 * Remote signing (contract §2, protocol §8): the album backend signs, the desktop never holds the
 * Cloudinary secret. One signature is reused for the same params (every chunk of one file) while
 * its timestamp is younger than 55 minutes; Cloudinary refuses those older than one hour.
 */
import type { SignedRequest, UploadSigner } from '../cloudinary/upload';
import type { ResourceType } from '../cloudinary/signer';
import type { Clock } from '../types';
import type { BackendClient, UploadSignature } from './client';

export const REUSE_SECONDS = 55 * 60;
const MAX_CACHED = 64;

/** The backend signs for images; the resource type is part of the URL only, not of the signature. */
export function uploadUrlFor(url: string, resourceType: ResourceType): string {
  return resourceType === 'image' ? url : url.replace(/\/image\/upload(\/?)$/, `/${resourceType}/upload$1`);
}

/** Pure: wire fields in the order Cloudinary's SDK sends them — signed params sorted, signature, api_key. */
export function signedRequestOf(answer: UploadSignature, resourceType: ResourceType = 'image'): SignedRequest {
  const params: Record<string, string> = { ...answer.params, timestamp: String(answer.params.timestamp ?? answer.timestamp) };
  const sorted = Object.keys(params).sort();
  const fields: Record<string, string> = {};
  for (const key of sorted) if (params[key] !== '') fields[key] = params[key];
  fields.signature = answer.signature;
  fields.api_key = answer.api_key;
  return { url: uploadUrlFor(answer.upload_url, resourceType), fields };
}

/** Pure: a stable key for the params asked for (order-free; a caller's timestamp is not ours to reuse). */
export function paramsKey(params: Record<string, string>): string {
  return JSON.stringify(
    Object.keys(params)
      .filter((key) => key !== 'timestamp')
      .sort()
      .map((key) => [key, params[key]]),
  );
}

export function isFresh(timestamp: number | string, nowMs: number): boolean {
  const seconds = Number(timestamp);
  return Number.isFinite(seconds) && nowMs / 1000 - seconds < REUSE_SECONDS;
}

interface Cached {
  answer: Promise<UploadSignature>;
}

export function createRemoteSigner(client: BackendClient, albumId: string, clock: Clock): UploadSigner {
  const cache = new Map<string, Cached>();
  const ask = (key: string, params: Record<string, string>) => {
    const entry: Cached = { answer: client.uploadSignature(albumId, params) };
    cache.delete(key);
    cache.set(key, entry);
    if (cache.size > MAX_CACHED) cache.delete(cache.keys().next().value!);
    // A failed request must not poison later attempts.
    entry.answer.catch(() => cache.get(key) === entry && cache.delete(key));
    return entry.answer;
  };
  return {
    async sign(params, resourceType = 'image') {
      const { timestamp: _ignored, ...wanted } = params;
      const key = paramsKey(wanted);
      const cached = cache.get(key);
      // Concurrent callers share one request in flight; a settled answer is reused while fresh.
      let answer = cached ? await cached.answer.catch(() => null) : null;
      if (!answer || !isFresh(answer.timestamp, clock.now())) answer = await ask(key, wanted);
      return signedRequestOf(answer, resourceType);
    },
  };
}
