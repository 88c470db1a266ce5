/**
 * Settings saved by the app in the data dir (the third level of contract §2's precedence).
 * Secrets (API token, its refreshed successor, CLOUDINARY_URL) go through a SecretCodec: Electron
 * passes one backed by safeStorage; the headless CLI stores them in a file readable only by the
 * user (0600). This file is the only place a token is kept at rest — never the library.
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
  /** A rate or timetable as written (`2M`, `08:00,1M 19:00,off`); older files hold bytes per second. */
  bwlimit?: string | number | null;
  token?: string;
  /** The backend URL the saved token was entered for: it is sent to that URL only. */
  tokenBackendUrl?: string | null;
  cloudinaryUrl?: string;
  /** The backend's latest X-token refresh of the configured token, and which token it descends from (a fingerprint). */
  refreshedToken?: string;
  refreshedFrom?: string;
  /** Desktop app switches (absent: on). */
  autoUpdate?: boolean;
  crashReports?: boolean;
  /** The language chosen in the app's Settings (tray and notifications follow it); absent/null: the system's. */
  language?: 'en' | 'de' | null;
}

const SECRET_KEYS = ['token', 'cloudinaryUrl', 'refreshedToken'] as const;
type SecretKey = (typeof SECRET_KEYS)[number];

interface StoredFile {
  version: 1;
  plain: Omit<SavedSettings, SecretKey>;
  secrets: Partial<Record<SecretKey, string>> & { encrypted: boolean };
}

const FILE = 'settings.json';

export function settingsFile(dataDir: string): string {
  return path.join(dataDir, FILE);
}

function readStored(dataDir: string): StoredFile | null {
  const file = settingsFile(dataDir);
  if (!existsSync(file)) return null;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as StoredFile;
  } catch {
    throw new AppError('CONFIG', `The settings file ${file} is damaged. Move it away and enter the settings again.`);
  }
}

export function loadSettings(dataDir: string, codec?: SecretCodec): SavedSettings {
  const stored = readStored(dataDir);
  if (!stored) return {};
  const open = (value: string | undefined) => {
    if (value === undefined) return undefined;
    if (!stored.secrets.encrypted) return value;
    return codec ? codec.decrypt(value) : undefined; // encrypted by the desktop app: unreadable headless
  };
  const secrets = Object.fromEntries(SECRET_KEYS.map((key) => [key, open(stored.secrets[key])]).filter(([, v]) => v !== undefined));
  return { ...stored.plain, ...secrets };
}

export function saveSettings(dataDir: string, settings: SavedSettings, codec?: SecretCodec): void {
  const seal = (value: string | undefined) => (value === undefined ? undefined : codec ? codec.encrypt(value) : value);
  const plain: StoredFile['plain'] = { ...settings };
  for (const key of SECRET_KEYS) delete (plain as SavedSettings)[key];
  const secrets: StoredFile['secrets'] = { encrypted: Boolean(codec) };
  for (const key of SECRET_KEYS) if (settings[key] !== undefined) secrets[key] = seal(settings[key]);
  writeStored(dataDir, { version: 1, plain, secrets });
}

function writeStored(dataDir: string, stored: StoredFile): void {
  mkdirSync(dataDir, { recursive: true });
  const file = settingsFile(dataDir);
  const temp = `${file}.tmp`;
  // Write-then-rename: a crash mid-write leaves the old settings, never half a file.
  writeFileSync(temp, JSON.stringify(stored, null, 2), { mode: 0o600 });
  renameSync(temp, file);
  chmodSync(file, 0o600);
}

/** False when the saved secrets were encrypted by the desktop app and this process cannot open them. */
export function canStoreSecrets(dataDir: string, codec?: SecretCodec): boolean {
  return Boolean(codec) || readStored(dataDir)?.secrets.encrypted !== true;
}

/**
 * Applies a patch. A token belongs to the backend URL it was entered for: a new URL is refused
 * unless the same patch brings its token, and leaving the backend (URL cleared) drops the saved
 * token, so a token is never sent to a URL the user did not give it for. `currentBackendUrl` is
 * the URL the engine talks to now (null in demo mode).
 */
export function updateSettings(dataDir: string, patch: SavedSettings, codec?: SecretCodec, o: { currentBackendUrl?: string | null } = {}): SavedSettings {
  if (!canStoreSecrets(dataDir, codec)) return updatePlainOnly(dataDir, patch, codec);
  const current = loadSettings(dataDir, codec);
  const urlNow = o.currentBackendUrl !== undefined ? o.currentBackendUrl : (current.backendUrl ?? null);
  const tokenUrl = current.tokenBackendUrl ?? current.backendUrl ?? urlNow;
  const leavesTokenUrl = current.token !== undefined && patch.backendUrl !== undefined && !sameUrl(patch.backendUrl, tokenUrl);
  if (leavesTokenUrl && patch.backendUrl && patch.token === undefined) {
    throw new AppError(
      'REJECTED',
      `A new album backend URL needs its token: enter the token for ${patch.backendUrl} together with the URL. Nothing was changed.`,
    );
  }
  const next: SavedSettings = { ...current, ...patch };
  if (patch.token !== undefined) next.tokenBackendUrl = patch.backendUrl !== undefined ? patch.backendUrl : urlNow;
  else if (leavesTokenUrl) {
    delete next.token;
    delete next.tokenBackendUrl;
  }
  if (patch.token !== undefined || next.token === undefined) {
    delete next.refreshedToken;
    delete next.refreshedFrom;
  }
  saveSettings(dataDir, next, codec);
  return next;
}

/** The secrets are sealed by the desktop app and unreadable here: only plain settings may change. */
function updatePlainOnly(dataDir: string, patch: SavedSettings, codec?: SecretCodec): SavedSettings {
  const stored = readStored(dataDir)!;
  const movesBackend = patch.backendUrl !== undefined && !sameUrl(patch.backendUrl, stored.plain.backendUrl);
  if (movesBackend || SECRET_KEYS.some((key) => patch[key] !== undefined)) {
    throw new AppError(
      'CONFIG',
      'The saved credentials were encrypted by the PixDrop desktop app: change the backend and its token there, or set PIXDROP_API_URL / PIXDROP_API_TOKEN in the environment.',
    );
  }
  writeStored(dataDir, { ...stored, plain: { ...stored.plain, ...patch } });
  return loadSettings(dataDir, codec);
}

/**
 * The saved token, if it may go to `backendUrl`: one saved for another URL is not used (a token
 * saved before tokens were bound to a URL belongs to the saved backend URL).
 */
export function savedTokenFor(saved: SavedSettings, backendUrl: string | null): string | undefined {
  const boundTo = saved.tokenBackendUrl ?? saved.backendUrl ?? null;
  return boundTo === null || sameUrl(boundTo, backendUrl) ? saved.token : undefined;
}

/**
 * Records the backend's refreshed token. Returns false when it cannot be kept at rest (the
 * secrets were sealed by the desktop app, or the keychain refused): it then lives in memory only.
 */
export function saveRefreshedToken(dataDir: string, refreshed: { token: string; from: string }, codec?: SecretCodec): boolean {
  if (!canStoreSecrets(dataDir, codec)) return false;
  try {
    saveSettings(dataDir, { ...loadSettings(dataDir, codec), refreshedToken: refreshed.token, refreshedFrom: refreshed.from }, codec);
    return true;
  } catch {
    return false;
  }
}

/** The desktop app's switches as saved; both are on until switched off. */
export function desktopSwitches(saved: SavedSettings): { autoUpdate: boolean; crashReports: boolean } {
  return { autoUpdate: saved.autoUpdate !== false, crashReports: saved.crashReports !== false };
}

export function sameUrl(a: string | null | undefined, b: string | null | undefined): boolean {
  const norm = (u: string | null | undefined) => (u ? u.trim().replace(/\/+$/, '').toLowerCase() : null);
  return norm(a) === norm(b);
}
