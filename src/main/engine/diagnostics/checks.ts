/**
 * The facts `pixdrop doctor` (and the app's "Copy diagnostics") reports, each gathered by one
 * function: versions, the configuration without secrets, the servers (reachable, how fast, their
 * clocks), the data dir's health, and the last errors of the log. Nothing here changes anything.
 */
import Database from 'better-sqlite3';
import { closeSync, existsSync, openSync, readSync, rmSync, statSync, statfsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { rateAt } from '../../../shared/bandwidth';
import { AppError } from '../../../shared/errors';
import { ADAPTIVE_START } from '../queue/upload-pace';
import { describeSkew, MAX_SIGNATURE_AGE_MS, readServerClock, staleClockMessage } from './clock-skew';
import { libraryPath } from '../library/db';
import { logFilePath, redact } from '../logger';
import type { Clock, EngineConfig } from '../types';

export type Mode = 'demo' | 'local signing' | 'remote signing';

/** A URL fit to show: credentials and token-like query values masked. */
export function maskUrl(raw: string): string {
  try {
    const url = new URL(raw);
    if (url.username) url.username = '***';
    if (url.password) url.password = '***';
    for (const key of [...url.searchParams.keys()]) if (/token|secret|signature|key/i.test(key)) url.searchParams.set(key, '***');
    return redact(url.toString().replace(/\/$/, ''));
  } catch {
    return redact(raw);
  }
}

export function versions(sqliteVersion = readSqliteVersion()): Record<string, string | null> {
  return {
    pixdrop: null, // filled in by the host, which knows its own version
    node: process.versions.node,
    electron: process.versions.electron ?? null,
    sqlite: sqliteVersion,
    platform: `${process.platform} ${process.arch}`,
  };
}

function readSqliteVersion(): string {
  const db = new Database(':memory:');
  try {
    return (db.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v;
  } finally {
    db.close();
  }
}

export function modeOf(config: EngineConfig): Mode {
  return config.demoMode ? 'demo' : config.cloudinary ? 'local signing' : 'remote signing';
}

/** The proxy variables in force (credentials masked); null when none is set. */
function proxySettings(env: NodeJS.ProcessEnv) {
  const read = (name: string) => env[name] || env[name.toLowerCase()] || null;
  const https = read('HTTPS_PROXY');
  const http = read('HTTP_PROXY');
  const all = read('ALL_PROXY');
  if (!https && !http && !all) return null;
  return { https: https && maskUrl(https), http: http && maskUrl(http), all: all && maskUrl(all), no_proxy: read('NO_PROXY') };
}

/**
 * Uploads at once as a run starts them: the number set (--concurrency, PIXDROP_CONCURRENCY, Settings) is used as
 * it is; unset, the run starts at ADAPTIVE_START (the configured number under a bandwidth limit) and adapts 1–16.
 */
function concurrencyOf(config: EngineConfig): { concurrency: number; concurrency_adaptive: boolean } {
  if (config.concurrencyPinned) return { concurrency: config.concurrency, concurrency_adaptive: false };
  const limited = rateAt(config.bwlimit, Date.now()) !== null;
  return { concurrency: limited ? config.concurrency : Math.max(config.concurrency, ADAPTIVE_START), concurrency_adaptive: true };
}

export function configuration(config: EngineConfig, env: NodeJS.ProcessEnv = process.env) {
  return {
    proxy: proxySettings(env),
    mode: modeOf(config),
    data_dir: config.dataDir,
    backend_url: config.backendUrl ? maskUrl(config.backendUrl) : null,
    token: config.apiToken ? 'set' : 'absent',
    cloudinary: config.cloudinary
      ? {
          cloud_name: config.cloudinary.cloudName,
          api_key: `…${config.cloudinary.apiKey.slice(-4)}`,
          api_secret: 'set',
          upload_prefix: maskUrl(config.cloudinary.uploadPrefix),
        }
      : null,
    chunk_size: config.chunkSize,
    ...concurrencyOf(config),
    bwlimit: config.bwlimit?.spec ?? null,
    log_level: config.logLevel,
  };
}

export interface ServerCheck {
  name: 'Cloudinary' | 'the album backend';
  url: string;
  ok: boolean;
  status: number | null;
  ms: number | null;
  skew_ms: number | null;
  /** One sentence: what was found and, when something is wrong, what to do. */
  message: string;
}

/** One request per server: reachable, how fast, and how far its clock is from ours. */
export async function checkServer(name: ServerCheck['name'], url: string, clock: Clock, headers?: Record<string, string>): Promise<ServerCheck> {
  const shown = maskUrl(url);
  try {
    const reading = await readServerClock(url, clock, { headers });
    const refused = name === 'the album backend' && (reading.status === 401 || reading.status === 403);
    const message = refused
      ? `${name} answered in ${reading.rttMs} ms but refused the token (HTTP ${reading.status}). Set a valid PIXDROP_API_TOKEN or enter it in Settings.`
      : `${name} answered in ${reading.rttMs} ms (HTTP ${reading.status}).`;
    return { name, url: shown, ok: !refused, status: reading.status, ms: reading.rttMs, skew_ms: reading.skewMs, message };
  } catch (error) {
    const code = (error as { code?: string }).code ?? (error instanceof Error ? error.message : String(error));
    return {
      name,
      url: shown,
      ok: false,
      status: null,
      ms: null,
      skew_ms: null,
      message: `${name} at ${shown} cannot be reached (${code}). Check the URL and the network (a proxy?).`,
    };
  }
}

export interface ClockCheck {
  ok: boolean;
  skew_ms: number | null;
  against: string | null;
  message: string;
}

/** Why a demo has no clock to compare: its servers are this computer's own, started with the PixDrop that uploads. */
const DEMO_CLOCK =
  "Not compared in demo mode: the local servers run inside PixDrop on this computer and keep this computer's time. With CLOUDINARY_URL set, doctor compares it with Cloudinary's.";

/** The servers' clocks against ours; with local signing an hour behind Cloudinary's means every upload fails. */
export function clockCheck(servers: ServerCheck[], mode: Mode): ClockCheck {
  const reading = servers.find((s) => s.name === 'Cloudinary' && s.skew_ms !== null) ?? servers.find((s) => s.skew_ms !== null);
  if ((!reading || reading.skew_ms === null) && mode === 'demo') return { ok: true, skew_ms: null, against: null, message: DEMO_CLOCK };
  if (!reading || reading.skew_ms === null)
    return { ok: true, skew_ms: null, against: null, message: 'No server answered with its time; the clock was not compared.' };
  const skew = reading.skew_ms;
  const owner = reading.name === 'Cloudinary' ? 'Cloudinary' : 'the album backend';
  if (mode === 'local signing' && skew >= MAX_SIGNATURE_AGE_MS) return { ok: false, skew_ms: skew, against: owner, message: staleClockMessage(skew, owner) };
  if (Math.abs(skew) >= 5 * 60_000) {
    return {
      ok: false,
      skew_ms: skew,
      against: owner,
      message: `This computer's clock is ${describeSkew(skew)} ${owner}'s. Set the date and time right (automatic time): photo dates and signed uploads depend on it.`,
    };
  }
  return { ok: true, skew_ms: skew, against: owner, message: `This computer's clock is ${describeSkew(skew)} ${owner}'s.` };
}

function sizeOf(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}

/** Free space below this makes the data dir a problem: the queue and the log need room. */
const LOW_SPACE_BYTES = 200 * 1024 * 1024;

export function dataDirHealth(dataDir: string) {
  const problems: string[] = [];
  const exists = existsSync(dataDir);
  let writable = false;
  if (exists) {
    const probe = path.join(dataDir, `.doctor-${process.pid}`);
    try {
      writeFileSync(probe, 'ok');
      rmSync(probe, { force: true });
      writable = true;
    } catch (error) {
      problems.push(
        `The data dir ${dataDir} is not writable (${(error as { code?: string }).code ?? String(error)}). Fix its permissions or set PIXDROP_DATA_DIR to another folder.`,
      );
    }
  }
  let free: number | null = null;
  try {
    const s = statfsSync(exists ? dataDir : path.dirname(dataDir));
    free = s.bavail * s.bsize;
    if (free < LOW_SPACE_BYTES)
      problems.push(`Only ${Math.round(free / 1e6)} MB are free on the disk of ${dataDir}. Free some space, or set PIXDROP_DATA_DIR to a bigger disk.`);
  } catch {
    // no such disk yet: said by "exists"
  }
  const library = libraryPath(dataDir);
  const libraryBytes = sizeOf(library) + sizeOf(`${library}-wal`);
  const integrity = existsSync(library) ? quickCheck(library) : 'no library yet (created by the first upload)';
  if (integrity !== 'ok' && existsSync(library))
    problems.push(
      `The library ${library} failed its integrity check (${integrity}). Stop PixDrop, move the file away and upload again: what is already in the albums is not sent twice.`,
    );
  return { path: dataDir, exists, writable, free_bytes: free, library_bytes: libraryBytes, integrity, ok: problems.length === 0, problems };
}

function quickCheck(file: string): string {
  let db: Database.Database | null = null;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    db.pragma('busy_timeout = 2000');
    const rows = db.pragma('quick_check') as { quick_check: string }[];
    return rows.map((r) => r.quick_check).join('; ');
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    db?.close();
  }
}

/** The last error and warning lines of the log (already redacted when written), newest last. */
export function lastErrors(dataDir: string, count = 10): string[] {
  const lines: string[] = [];
  for (const index of [1, 0]) {
    const file = logFilePath(dataDir, index);
    if (!existsSync(file)) continue;
    lines.push(...tail(file, 256 * 1024).split('\n'));
  }
  return lines
    .filter((l) => / (ERROR|WARN) \[/.test(l) || /: fail after /.test(l))
    .slice(-count)
    .map(redact);
}

function tail(file: string, bytes: number): string {
  const size = sizeOf(file);
  const length = Math.min(size, bytes);
  const buffer = Buffer.alloc(length);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, buffer, 0, length, size - length);
  } finally {
    closeSync(fd);
  }
  return buffer.toString('utf8');
}

/** A configuration that does not resolve is itself the finding. */
export function configProblem(error: unknown): string {
  return error instanceof AppError ? error.message : String(error);
}
