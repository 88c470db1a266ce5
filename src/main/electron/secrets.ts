/**
 * Secrets at rest (backend token, CLOUDINARY_URL): encrypted with the OS keychain through
 * Electron's safeStorage and stored as base64. They are decrypted only in the main process.
 *
 * When the OS offers no real encryption — including Linux's "basic_text" fallback, which uses a
 * hard-coded key — secrets are refused rather than written in a form anyone could read back.
 */
import type { SafeStorage } from 'electron';
import { AppError } from '../../shared/errors';
import type { SecretCodec } from '../engine/settings';

export type { SecretCodec };

export type SafeStorageLike = Pick<SafeStorage, 'isEncryptionAvailable' | 'encryptString' | 'decryptString'> &
  Partial<Pick<SafeStorage, 'getSelectedStorageBackend'>>;

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

export function createSafeStorageCodec(safeStorage: SafeStorageLike, o: { platform?: NodeJS.Platform } = {}): SecretCodec {
  const platform = o.platform ?? process.platform;
  return {
    encrypt(plain) {
      assertRealEncryption(safeStorage, platform);
      return safeStorage.encryptString(plain).toString('base64');
    },
    decrypt(stored) {
      if (!BASE64.test(stored)) {
        throw new AppError('CONFIG', 'A saved credential is damaged. Enter the token or Cloudinary URL again in Settings.');
      }
      assertRealEncryption(safeStorage, platform);
      try {
        return safeStorage.decryptString(Buffer.from(stored, 'base64'));
      } catch (cause) {
        throw new AppError(
          'CONFIG',
          'A saved credential cannot be decrypted (the system keychain changed?). Enter the token or Cloudinary URL again in Settings.',
          { cause },
        );
      }
    },
  };
}

function assertRealEncryption(safeStorage: SafeStorageLike, platform: NodeJS.Platform): void {
  const weakLinuxStore = platform === 'linux' && safeStorage.getSelectedStorageBackend?.() === 'basic_text';
  if (!safeStorage.isEncryptionAvailable() || weakLinuxStore) {
    throw new AppError(
      'CONFIG',
      'No system keychain is available to encrypt credentials, so PixDrop will not save them. ' +
        'Unlock or install a keyring (e.g. GNOME Keyring or KWallet), or set PIXDROP_API_TOKEN / CLOUDINARY_URL in the environment instead.',
    );
  }
}
