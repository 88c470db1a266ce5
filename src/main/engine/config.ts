/**
 * Resolves the configuration: command-line flag > environment > saved settings > default
 * (contract §2). Bad values throw AppError('CONFIG') with one line naming the variable and the
 * expected form; the CLI turns that into exit 2. Secrets are never part of a message.
 */
import os from 'node:os';
import path from 'node:path';
import { BANDWIDTH_FORMS, BandwidthSyntaxError, parseBandwidth, type BandwidthSchedule } from '../../shared/bandwidth';
import { AppError } from '../../shared/errors';
import { BACKEND_URL_FORM, isAllowedBackendUrl } from './backend/backend-url';
import { parseCloudinaryUrl } from './cloudinary/config';
import { loadSettings, savedTokenFor, type SecretCodec } from './settings';
import type { EngineConfig, LogLevel, WatchEvents } from './types';

export const MIN_CHUNK_SIZE = 5_242_880;
export const DEFAULT_CHUNK_SIZE = 20_000_000;
export const DEFAULT_CONCURRENCY = 3;
const LOG_LEVELS: LogLevel[] = ['error', 'warn', 'info', 'debug'];
const WATCH_EVENTS: WatchEvents[] = ['on', 'off', 'folders'];

export interface ConfigFlags {
  chunkSize?: string | number;
  concurrency?: string | number;
  bwlimit?: string | number;
  logLevel?: string;
}

export function defaultDataDir(env: NodeJS.ProcessEnv): string {
  if (process.platform === 'win32') return path.join(env.APPDATA ?? path.join(os.homedir(), 'AppData', 'Roaming'), 'pixdrop');
  if (process.platform === 'darwin') return path.join(os.homedir(), 'Library', 'Application Support', 'pixdrop');
  return path.join(env.XDG_CONFIG_HOME ?? path.join(os.homedir(), '.config'), 'pixdrop');
}

function integer(name: string, raw: string | number, min: number, max: number, form: string): number {
  const value = typeof raw === 'number' ? raw : Number(String(raw).trim());
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new AppError('CONFIG', `${name} must be ${form} (got "${raw}").`);
  }
  return value;
}

/** A rate or timetable (shared/bandwidth.ts); "off" gives null, as if none were set. */
export function bandwidth(name: string, raw: string | number): BandwidthSchedule | null {
  try {
    const schedule = parseBandwidth(raw);
    return schedule.entries.every((e) => e.rate === null) ? null : schedule;
  } catch (error) {
    const why = error instanceof BandwidthSyntaxError ? error.message : String(error);
    throw new AppError('CONFIG', `${name} must be ${BANDWIDTH_FORMS} (${why}).`);
  }
}

function httpUrl(name: string, raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new AppError('CONFIG', `${name} must be an http(s) URL such as https://albums.example.com (got "${raw}").`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new AppError('CONFIG', `${name} must be an http(s) URL such as https://albums.example.com (got "${raw}").`);
  }
  if (!isAllowedBackendUrl(raw)) {
    throw new AppError('CONFIG', `${name} must be ${BACKEND_URL_FORM}: over plain http the token could be read on the network (got "${raw}").`);
  }
  return raw.replace(/\/+$/, '');
}

function pick<T>(...values: (T | undefined | null | '')[]): T | undefined {
  for (const value of values) if (value !== undefined && value !== null && value !== '') return value as T;
  return undefined;
}

/** Where photos go: Cloudinary and the album backend with its token, or demo mode when neither is configured. */
function resolveRemote(
  env: NodeJS.ProcessEnv,
  saved: ReturnType<typeof loadSettings>,
): Pick<EngineConfig, 'cloudinary' | 'backendUrl' | 'apiToken' | 'demoMode'> {
  const cloudinaryUrl = pick<string>(env.CLOUDINARY_URL, saved.cloudinaryUrl);
  const cloudinary = cloudinaryUrl ? parseCloudinaryUrl(cloudinaryUrl, pick(env.CLOUDINARY_UPLOAD_PREFIX) ?? null) : null;
  const backendRaw = pick<string>(env.PIXDROP_API_URL, saved.backendUrl);
  const backendUrl = backendRaw ? httpUrl('PIXDROP_API_URL', backendRaw) : null;
  const apiToken = pick<string>(env.PIXDROP_API_TOKEN, savedTokenFor(saved, backendUrl)) ?? null;
  const demoMode = !cloudinary && !backendUrl;
  if (cloudinary && !backendUrl) {
    throw new AppError(
      'CONFIG',
      'PIXDROP_API_URL must be set when CLOUDINARY_URL is: photos are registered in albums on the album backend (https://… base URL).',
    );
  }
  if (backendUrl && !apiToken && saved.token) {
    throw new AppError(
      'CONFIG',
      `The saved backend token was entered for another backend URL, not ${backendUrl}: set PIXDROP_API_TOKEN, or enter the token for this URL in Settings.`,
    );
  }
  if (backendUrl && !apiToken) {
    throw new AppError('CONFIG', 'PIXDROP_API_TOKEN must be set to your album backend token (a JWT) when PIXDROP_API_URL is set.');
  }
  return { cloudinary, backendUrl, apiToken, demoMode };
}

export function resolveConfig(o: { flags?: ConfigFlags; env: NodeJS.ProcessEnv; dataDir?: string; codec?: SecretCodec }): EngineConfig {
  const { env } = o;
  const flags = o.flags ?? {};
  const dataDir = path.resolve(o.dataDir ?? pick(env.PIXDROP_DATA_DIR) ?? defaultDataDir(env));
  const saved = loadSettings(dataDir, o.codec);

  const chunkRaw = pick<string | number>(flags.chunkSize, env.PIXDROP_CHUNK_SIZE, saved.chunkSize);
  const chunkSize =
    chunkRaw === undefined
      ? DEFAULT_CHUNK_SIZE
      : integer(
          'PIXDROP_CHUNK_SIZE',
          chunkRaw,
          MIN_CHUNK_SIZE,
          2 ** 40,
          `a whole number of bytes, at least ${MIN_CHUNK_SIZE} (5 MiB): Cloudinary rejects smaller parts`,
        );
  const concRaw = pick<string | number>(flags.concurrency, env.PIXDROP_CONCURRENCY, saved.concurrency);
  const concurrency =
    concRaw === undefined ? DEFAULT_CONCURRENCY : integer('PIXDROP_CONCURRENCY (--concurrency)', concRaw, 1, 16, 'a whole number from 1 to 16');
  const bwRaw = pick<string | number>(flags.bwlimit, env.PIXDROP_BWLIMIT, saved.bwlimit ?? undefined);
  const bwlimit = bwRaw === undefined ? null : bandwidth('PIXDROP_BWLIMIT (--bwlimit)', bwRaw);
  const stallRaw = pick<string>(env.PIXDROP_STALL_TIMEOUT_MS);
  const stallTimeoutMs =
    stallRaw === undefined ? undefined : integer('PIXDROP_STALL_TIMEOUT_MS', stallRaw, 100, 2 ** 31, 'a whole number of milliseconds, at least 100');
  const albumAgeRaw = pick<string>(env.PIXDROP_ALBUM_CACHE_MAX_AGE_MS);
  const albumCacheMaxAgeMs =
    albumAgeRaw === undefined
      ? undefined
      : integer('PIXDROP_ALBUM_CACHE_MAX_AGE_MS', albumAgeRaw, 0, 2 ** 31, 'a whole number of milliseconds (0: ask the backend every time)');
  const rescanRaw = pick<string>(env.PIXDROP_RESCAN_INTERVAL_MS);
  const rescanIntervalMs =
    rescanRaw === undefined ? undefined : integer('PIXDROP_RESCAN_INTERVAL_MS', rescanRaw, 200, 2 ** 31, 'a whole number of milliseconds, at least 200');
  const eventsRaw = pick<string>(env.PIXDROP_WATCH_EVENTS);
  if (eventsRaw !== undefined && !WATCH_EVENTS.includes(eventsRaw as WatchEvents))
    throw new AppError('CONFIG', `PIXDROP_WATCH_EVENTS must be on, off or folders (got "${eventsRaw}").`);
  const watchEvents = eventsRaw as WatchEvents | undefined;
  const levelRaw = pick<string>(flags.logLevel, env.PIXDROP_LOG_LEVEL) ?? 'info';
  if (!LOG_LEVELS.includes(levelRaw as LogLevel)) {
    throw new AppError('CONFIG', `PIXDROP_LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')} (got "${levelRaw}").`);
  }

  const { cloudinary, backendUrl, apiToken, demoMode } = resolveRemote(env, saved);
  return {
    dataDir,
    cloudinary,
    backendUrl,
    apiToken,
    chunkSize,
    concurrency,
    concurrencyPinned: concRaw !== undefined,
    logLevel: levelRaw as LogLevel,
    bwlimit,
    demoMode,
    stallTimeoutMs,
    albumCacheMaxAgeMs,
    rescanIntervalMs,
    watchEvents,
  };
}
