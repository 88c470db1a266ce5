/** Contract §2: precedence flag > env > saved settings > default, and bad values refused with one clear line. */
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src/shared/errors';
import { DEFAULT_CHUNK_SIZE, resolveConfig } from '../../../src/main/engine/config';
import { saveSettings } from '../../../src/main/engine/settings';
import { useTempDir } from '../../helpers/temp-dir';

const dataDir = () => useTempDir('pixdrop-config-');

function configError(run: () => unknown): AppError {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected a configuration error');
}

describe('resolveConfig', () => {
  it('runs in demo mode with defaults when nothing is configured', () => {
    const config = resolveConfig({ env: {}, dataDir: dataDir() });
    expect(config).toMatchObject({
      demoMode: true,
      chunkSize: DEFAULT_CHUNK_SIZE,
      concurrency: 3,
      logLevel: 'info',
      cloudinary: null,
      backendUrl: null,
      bwlimit: null,
    });
  });

  it('takes the flag over the environment over saved settings', () => {
    const dir = dataDir();
    saveSettings(dir, { concurrency: 5, chunkSize: 7_000_000 });
    expect(resolveConfig({ env: {}, dataDir: dir })).toMatchObject({ concurrency: 5, chunkSize: 7_000_000 });
    expect(resolveConfig({ env: { PIXDROP_CONCURRENCY: '4' }, dataDir: dir }).concurrency).toBe(4);
    expect(resolveConfig({ env: { PIXDROP_CONCURRENCY: '4' }, dataDir: dir, flags: { concurrency: '2' } }).concurrency).toBe(2);
  });

  it('parses CLOUDINARY_URL and lets CLOUDINARY_UPLOAD_PREFIX override its upload_prefix', () => {
    const env = {
      CLOUDINARY_URL: 'cloudinary://1234:s3cr3t@my-cloud?upload_prefix=https://api-eu.cloudinary.com',
      PIXDROP_API_URL: 'https://albums.example.com/',
      PIXDROP_API_TOKEN: 'jwt',
    };
    const config = resolveConfig({ env, dataDir: dataDir() });
    expect(config.demoMode).toBe(false);
    expect(config.backendUrl).toBe('https://albums.example.com');
    expect(config.cloudinary).toMatchObject({ cloudName: 'my-cloud', apiKey: '1234', apiSecret: 's3cr3t', uploadPrefix: 'https://api-eu.cloudinary.com' });
    const overridden = resolveConfig({ env: { ...env, CLOUDINARY_UPLOAD_PREFIX: 'http://127.0.0.1:9999' }, dataDir: dataDir() });
    expect(overridden.cloudinary?.uploadPrefix).toBe('http://127.0.0.1:9999');
  });

  it('reads the bandwidth limit in human units or as a timetable, flag > environment > saved settings', () => {
    const dir = dataDir();
    saveSettings(dir, { bwlimit: '08:00,1M 19:00,off' });
    expect(resolveConfig({ env: {}, dataDir: dir }).bwlimit).toMatchObject({
      spec: '08:00,1M 19:00,off',
      entries: [
        { minute: 480, rate: 1_048_576 },
        { minute: 1140, rate: null },
      ],
    });
    expect(resolveConfig({ env: { PIXDROP_BWLIMIT: '10Mbit' }, dataDir: dir }).bwlimit?.entries).toEqual([{ minute: 0, rate: 1_250_000 }]);
    expect(resolveConfig({ env: { PIXDROP_BWLIMIT: '10Mbit' }, dataDir: dir, flags: { bwlimit: '500k' } }).bwlimit?.entries).toEqual([
      { minute: 0, rate: 512_000 },
    ]);
    // "off" given on the command line wins over a saved limit
    expect(resolveConfig({ env: {}, dataDir: dir, flags: { bwlimit: 'off' } }).bwlimit).toBeNull();
    // Older settings files hold plain bytes per second.
    saveSettings(dir, { bwlimit: 3_000_000 });
    expect(resolveConfig({ env: {}, dataDir: dir }).bwlimit?.entries).toEqual([{ minute: 0, rate: 3_000_000 }]);
  });

  it('names the flag and the variable for a bad --concurrency', () => {
    const error = configError(() => resolveConfig({ env: {}, dataDir: dataDir(), flags: { concurrency: '17' } }));
    expect(error.message).toMatch(/PIXDROP_CONCURRENCY \(--concurrency\) must be a whole number from 1 to 16 \(got "17"\)/);
  });

  it('uses remote signing when only the backend is configured', () => {
    const config = resolveConfig({ env: { PIXDROP_API_URL: 'https://albums.example.com', PIXDROP_API_TOKEN: 'jwt' }, dataDir: dataDir() });
    expect(config).toMatchObject({ demoMode: false, cloudinary: null, apiToken: 'jwt' });
  });

  it.each([
    [{ PIXDROP_CHUNK_SIZE: '5242879' }, /PIXDROP_CHUNK_SIZE.*5242880/],
    [{ PIXDROP_CHUNK_SIZE: 'big' }, /PIXDROP_CHUNK_SIZE/],
    [{ PIXDROP_CONCURRENCY: '0' }, /PIXDROP_CONCURRENCY.*1 to 16/],
    [{ PIXDROP_LOG_LEVEL: 'loud' }, /PIXDROP_LOG_LEVEL.*error, warn, info, debug/],
    [{ PIXDROP_BWLIMIT: '10' }, /PIXDROP_BWLIMIT/],
    [{ PIXDROP_BWLIMIT: '2 fast' }, /PIXDROP_BWLIMIT \(--bwlimit\) must be a rate such as 2M, 500k, 10Mbit.*"2 fast" is not a rate/],
    [{ PIXDROP_BWLIMIT: '08:00,1M 31:00,off' }, /PIXDROP_BWLIMIT.*timetable.*31:00,off/],
    [{ PIXDROP_STALL_TIMEOUT_MS: '5' }, /PIXDROP_STALL_TIMEOUT_MS.*at least 100/],
    [{ PIXDROP_API_URL: 'ftp://x' }, /PIXDROP_API_URL.*http/],
    [{ PIXDROP_API_URL: 'https://albums.example.com' }, /PIXDROP_API_TOKEN/],
    [{ CLOUDINARY_URL: 'cloudinary://k:TOPSECRET@c' }, /PIXDROP_API_URL/],
    [{ CLOUDINARY_URL: 'http://k:TOPSECRET@c', PIXDROP_API_URL: 'https://a.example.com', PIXDROP_API_TOKEN: 't' }, /CLOUDINARY_URL/],
  ])('refuses %j with a message naming the variable', (env, message) => {
    const error = configError(() => resolveConfig({ env, dataDir: dataDir() }));
    expect(error.code).toBe('CONFIG');
    expect(error.message).toMatch(message);
    expect(error.message).not.toContain('TOPSECRET');
  });
});
