/**
 * CLOUDINARY_URL parsing, the Cloudinary SDKs' own convention:
 * cloudinary://API_KEY:API_SECRET@CLOUD_NAME[?upload_prefix=URL&signature_algorithm=sha256&signature_version=1]
 * Key and secret are taken literally (the SDK does not percent-decode them either).
 */
import { AppError } from '../../../shared/errors';
import type { CloudinaryConfig } from '../types';

export const DEFAULT_UPLOAD_PREFIX = 'https://api.cloudinary.com';

const EXPECTED_FORM = 'CLOUDINARY_URL must look like cloudinary://API_KEY:API_SECRET@CLOUD_NAME[?upload_prefix=URL] (copy it from the Cloudinary console).';

function configError(problem: string): AppError {
  // Never include the URL itself: it carries the secret.
  return new AppError('CONFIG', `${EXPECTED_FORM} Problem: ${problem}.`);
}

/** Normalizes an upload prefix: http(s) only, no trailing slash. */
export function normalizeUploadPrefix(prefix: string, variable = 'upload_prefix'): string {
  let parsed: URL;
  try {
    parsed = new URL(prefix);
  } catch {
    throw configError(`${variable} is not a URL`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw configError(`${variable} must start with http:// or https://`);
  return prefix.replace(/\/+$/, '');
}

function parseAlgorithm(value: string | null): 'sha1' | 'sha256' {
  if (value === null || value === '' || value.toLowerCase() === 'sha1') return 'sha1';
  if (value.toLowerCase() === 'sha256') return 'sha256';
  throw configError('signature_algorithm must be sha1 or sha256');
}

function parseVersion(value: string | null): 1 | 2 {
  if (value === null || value === '' || value === '2') return 2;
  if (value === '1') return 1;
  throw configError('signature_version must be 1 or 2');
}

/** `uploadPrefixOverride` (CLOUDINARY_UPLOAD_PREFIX) wins over the URL's own upload_prefix (contract §2). */
export function parseCloudinaryUrl(url: string, uploadPrefixOverride?: string | null): CloudinaryConfig {
  const trimmed = url.trim();
  if (!/^cloudinary:\/\//i.test(trimmed)) throw configError('it does not start with cloudinary://');
  let parsed: URL;
  try {
    parsed = new URL(trimmed);
  } catch {
    throw configError('it is not a valid URL');
  }
  const cloudName = parsed.hostname;
  const apiKey = parsed.username;
  const apiSecret = parsed.password;
  if (!apiKey) throw configError('the API key is missing');
  if (!apiSecret) throw configError('the API secret is missing');
  if (!cloudName) throw configError('the cloud name is missing');
  const query = parsed.searchParams;
  const prefix = uploadPrefixOverride || query.get('upload_prefix') || DEFAULT_UPLOAD_PREFIX;
  const variable = uploadPrefixOverride ? 'CLOUDINARY_UPLOAD_PREFIX' : 'upload_prefix';
  return {
    cloudName,
    apiKey,
    apiSecret,
    uploadPrefix: normalizeUploadPrefix(prefix, variable),
    signatureAlgorithm: parseAlgorithm(query.get('signature_algorithm')),
    signatureVersion: parseVersion(query.get('signature_version')),
  };
}

/** The endpoint every upload (plain or chunk) is POSTed to. */
export function uploadUrl(config: Pick<CloudinaryConfig, 'uploadPrefix' | 'cloudName'>, resourceType = 'image'): string {
  return `${config.uploadPrefix}/v1_1/${config.cloudName}/${encodeURIComponent(resourceType)}/upload`;
}
