import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src/shared/errors';
import { createSafeStorageCodec, type SafeStorageLike } from '../../../src/main/electron/secrets';
import { TEST_CLOUDINARY_URL, TEST_SECRET_MARKER } from './test-secrets';

/** Stands in for the OS keychain: a reversible transform, and a record of what was asked. */
function fakeSafeStorage(o: { available?: boolean; backend?: ReturnType<NonNullable<SafeStorageLike['getSelectedStorageBackend']>> } = {}) {
  const asked: string[] = [];
  const key = 0x5a;
  const storage: SafeStorageLike = {
    isEncryptionAvailable: () => o.available ?? true,
    getSelectedStorageBackend: () => o.backend ?? 'gnome_libsecret',
    encryptString: (plain) => {
      asked.push('encrypt');
      return Buffer.concat([Buffer.from('v10'), Buffer.from(Buffer.from(plain, 'utf8').map((b) => b ^ key))]);
    },
    decryptString: (buffer) => {
      asked.push('decrypt');
      if (buffer.subarray(0, 3).toString() !== 'v10') throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
      return Buffer.from(buffer.subarray(3).map((b) => b ^ key)).toString('utf8');
    },
  };
  return { storage, asked };
}

const SECRET = TEST_CLOUDINARY_URL;

describe('createSafeStorageCodec', () => {
  it('round-trips a secret through base64 of the keychain’s bytes, never storing it readable', () => {
    const { storage } = fakeSafeStorage();
    const codec = createSafeStorageCodec(storage, { platform: 'linux' });
    const stored = codec.encrypt(SECRET);
    expect(stored).toMatch(/^[A-Za-z0-9+/]+={0,2}$/);
    expect(stored).not.toContain(TEST_SECRET_MARKER);
    expect(Buffer.from(stored, 'base64').toString('utf8')).not.toContain(TEST_SECRET_MARKER);
    expect(codec.decrypt(stored)).toBe(SECRET);
    expect(codec.decrypt(codec.encrypt('ünïcødé token ✓'))).toBe('ünïcødé token ✓');
  });

  it.each([
    ['no keychain at all', { available: false }, 'darwin'],
    ['Linux with only the hard-coded "basic_text" store', { backend: 'basic_text' as const }, 'linux'],
  ] as const)('refuses to store secrets with %s, explaining what to do', (_name, options, platform) => {
    const { storage, asked } = fakeSafeStorage(options);
    const codec = createSafeStorageCodec(storage, { platform });
    let thrown: unknown;
    try {
      codec.encrypt(SECRET);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(AppError);
    expect((thrown as AppError).code).toBe('CONFIG');
    expect((thrown as AppError).message).toMatch(/keychain.*will not save.*PIXDROP_API_TOKEN/s);
    expect((thrown as AppError).message).not.toContain(TEST_SECRET_MARKER);
    expect(asked).toEqual([]);
  });

  it('applies the basic_text check on Linux only, where that store exists', () => {
    const { storage } = fakeSafeStorage({ backend: 'basic_text' });
    expect(() => createSafeStorageCodec(storage, { platform: 'win32' }).encrypt('x')).not.toThrow();
  });

  it('reports a damaged or foreign stored value as a CONFIG error asking to enter it again', () => {
    const { storage } = fakeSafeStorage();
    const codec = createSafeStorageCodec(storage, { platform: 'linux' });
    expect(() => codec.decrypt('not base64 at all!')).toThrow(/damaged.*again/);
    expect(() => codec.decrypt(Buffer.from('plaintext-token').toString('base64'))).toThrow(/cannot be decrypted.*again/);
  });
});
