/**
 * Settings saved by the app in the data dir (the third level of contract §2's precedence).
 * Secrets (API token, CLOUDINARY_URL) go through a SecretCodec: Electron passes one backed by
 * safeStorage; the headless CLI stores them in a file readable only by the user (0600).
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { AppError } from '../../shared/errors';

export interface SecretCodec {
  encrypt(plain: string): string;
  decrypt(stored: string): string;
}

export interface SavedSettings {
  backendUrl?: string | null;
  concurrency?: number;
  chunkSize?: number;
  bwlimit?: number | null;
  token?: string;
  cloudinaryUrl?: string;
}

interface StoredFile {
  version: 1;
  plain: Omit<SavedSettings, 'token' | 'cloudinaryUrl'>;
  secrets: { token?: string; cloudinaryUrl?: string; encrypted: boolean };
}

const FILE = 'settings.json';

export function loadSettings(dataDir: string, codec?: SecretCodec): SavedSettings {
  const file = path.join(dataDir, FILE);
  if (!existsSync(file)) return {};
  let stored: StoredFile;
  try {
    stored = JSON.parse(readFileSync(file, 'utf8')) as StoredFile;
  } catch {
    throw new AppError('CONFIG', `The settings file ${file} is damaged. Move it away and enter the settings again.`);
  }
  const open = (value: string | undefined) => {
    if (value === undefined) return undefined;
    if (!stored.secrets.encrypted) return value;
    return codec ? codec.decrypt(value) : undefined; // encrypted by the desktop app: unreadable headless
  };
  return { ...stored.plain, token: open(stored.secrets.token), cloudinaryUrl: open(stored.secrets.cloudinaryUrl) };
}

export function saveSettings(dataDir: string, settings: SavedSettings, codec?: SecretCodec): void {
  mkdirSync(dataDir, { recursive: true });
  const { token, cloudinaryUrl, ...plain } = settings;
  const seal = (value: string | undefined) => (value === undefined ? undefined : codec ? codec.encrypt(value) : value);
  const stored: StoredFile = { version: 1, plain, secrets: { token: seal(token), cloudinaryUrl: seal(cloudinaryUrl), encrypted: Boolean(codec) } };
  const file = path.join(dataDir, FILE);
  const temp = `${file}.tmp`;
  // Write-then-rename: a crash mid-write leaves the old settings, never half a file.
  writeFileSync(temp, JSON.stringify(stored, null, 2), { mode: 0o600 });
  renameSync(temp, file);
  chmodSync(file, 0o600);
}

export function updateSettings(dataDir: string, patch: SavedSettings, codec?: SecretCodec): SavedSettings {
  const next = { ...loadSettings(dataDir, codec), ...patch };
  saveSettings(dataDir, next, codec);
  return next;
}
