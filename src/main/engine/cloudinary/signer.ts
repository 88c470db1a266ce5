/**
 * Signers produce the exact fields of one upload request. The local signer holds the API secret
 * (CLOUDINARY_URL mode, main process / CLI only); a remote signer (album backend) implements the
 * same interface elsewhere.
 */
import type { Clock, CloudinaryConfig } from '../types';
import { uploadUrl } from './config';
import { signableEntries, signParams } from './sign';

export interface SignedRequest {
  url: string;
  /** Wire order: signed params incl. timestamp, signature, api_key. */
  fields: Record<string, string>;
}

export type ResourceType = 'image' | 'video';

export interface UploadSigner {
  sign(params: Record<string, string>, resourceType?: ResourceType): Promise<SignedRequest>;
}

/** Signs locally with a fresh timestamp per call: every chunk is re-signed like the SDK does. */
export function createLocalSigner(config: CloudinaryConfig, clock: Clock): UploadSigner {
  return {
    async sign(params, resourceType = 'image') {
      const withTimestamp = { ...params, timestamp: String(Math.floor(clock.now() / 1000)) };
      const signature = signParams(withTimestamp, config.apiSecret, config.signatureAlgorithm, config.signatureVersion);
      const fields: Record<string, string> = Object.fromEntries(signableEntries(withTimestamp));
      fields.signature = signature;
      fields.api_key = config.apiKey;
      return { url: uploadUrl(config, resourceType), fields };
    },
  };
}
