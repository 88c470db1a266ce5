import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src/shared/errors';
import { parseCloudinaryUrl, uploadUrl } from '../../../src/main/engine/cloudinary/config';

describe('parseCloudinaryUrl', () => {
  it('reads key, secret and cloud name with the default prefix', () => {
    expect(parseCloudinaryUrl('cloudinary://123456789012345:abcdEFGH_ij-kl@My-Cloud')).toEqual({
      cloudName: 'My-Cloud',
      apiKey: '123456789012345',
      apiSecret: 'abcdEFGH_ij-kl',
      uploadPrefix: 'https://api.cloudinary.com',
      signatureAlgorithm: 'sha1',
      signatureVersion: 2,
    });
  });

  it('takes key and secret literally, like the SDK (no percent-decoding)', () => {
    expect(parseCloudinaryUrl('cloudinary://k:a%2Fb@c').apiSecret).toBe('a%2Fb');
  });

  it('reads upload_prefix, signature_algorithm and signature_version from the query', () => {
    const config = parseCloudinaryUrl('CLOUDINARY://k:s@c?upload_prefix=http://127.0.0.1:4000/&signature_algorithm=sha256&signature_version=1');
    expect(config.uploadPrefix).toBe('http://127.0.0.1:4000');
    expect(config.signatureAlgorithm).toBe('sha256');
    expect(config.signatureVersion).toBe(1);
    expect(uploadUrl(config)).toBe('http://127.0.0.1:4000/v1_1/c/image/upload');
  });

  it('lets CLOUDINARY_UPLOAD_PREFIX win over the URL', () => {
    expect(parseCloudinaryUrl('cloudinary://k:s@c?upload_prefix=https://api-eu.cloudinary.com', 'https://api-ap.cloudinary.com').uploadPrefix).toBe(
      'https://api-ap.cloudinary.com',
    );
    expect(parseCloudinaryUrl('cloudinary://k:s@c?upload_prefix=https://api-eu.cloudinary.com', null).uploadPrefix).toBe('https://api-eu.cloudinary.com');
  });

  const bad = [
    'https://k:s@c',
    'cloudinary://k@c',
    'cloudinary://:s@c',
    'cloudinary://k:s@',
    'cloudinary://k:s@c?upload_prefix=ftp://x',
    'cloudinary://k:s@c?signature_algorithm=md5',
    'not a url',
  ];
  for (const url of bad) {
    it(`refuses ${url} with a CONFIG error that does not echo the secret`, () => {
      let thrown: unknown;
      try {
        parseCloudinaryUrl(url);
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(AppError);
      expect((thrown as AppError).code).toBe('CONFIG');
      expect((thrown as AppError).message).toContain('cloudinary://API_KEY:API_SECRET@CLOUD_NAME');
      expect((thrown as AppError).message).not.toMatch(/\bs@c\b|:s@/);
    });
  }
});
