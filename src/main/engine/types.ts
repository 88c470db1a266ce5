/**
 * Types the engine's modules share. Everything that varies (clock, logger, config, ports)
 * is injected; nothing here is a singleton.
 */
import type { EngineEvent, IgnoredEntry, JobView, PixdropApi, UploadTarget } from '../../shared/api';
import type { BandwidthSchedule } from '../../shared/bandwidth';
import type { ErrorView } from '../../shared/errors';
import type { ScanRules } from './discover/filters';

export type LogLevel = 'error' | 'warn' | 'info' | 'debug';

export interface Logger {
  error(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  debug(message: string, fields?: Record<string, unknown>): void;
  child(prefix: string): Logger;
}

export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

export interface CloudinaryConfig {
  cloudName: string;
  apiKey: string;
  apiSecret: string;
  /** e.g. https://api.cloudinary.com or http://127.0.0.1:PORT (no trailing slash) */
  uploadPrefix: string;
  signatureAlgorithm: 'sha1' | 'sha256';
  signatureVersion: 1 | 2;
}

/** The configuration after flags > env > saved settings > defaults were resolved (contract §2). */
/** Which file-system events a watched folder raises: all, none, or only new folders (tests). */
export type WatchEvents = 'on' | 'off' | 'folders';

export interface EngineConfig {
  dataDir: string;
  /** Absent with remote signing (backend signs) and in demo mode until the local stack starts. */
  cloudinary: CloudinaryConfig | null;
  backendUrl: string | null;
  apiToken: string | null;
  chunkSize: number;
  concurrency: number;
  /** The concurrency was set (flag, env, saved setting): used as it is; otherwise it adapts, starting there. */
  concurrencyPinned?: boolean;
  logLevel: LogLevel;
  /** Upload limit, a rate or a timetable (read live: changing it affects transfers under way); null = unlimited. */
  bwlimit: BandwidthSchedule | null;
  /** No byte moving for this long aborts a transfer or an album-backend call (PIXDROP_STALL_TIMEOUT_MS); absent → net/stall.ts's default. */
  stallTimeoutMs?: number;
  /** Neither CLOUDINARY_URL nor PIXDROP_API_URL: run the local stack in-process. */
  demoMode: boolean;
  /** What an album holds is asked again when older than this (PIXDROP_ALBUM_CACHE_MAX_AGE_MS); absent → 10 min. */
  albumCacheMaxAgeMs?: number;
  /** Watched folders are walked again this often (PIXDROP_RESCAN_INTERVAL_MS); absent → 5 min. */
  rescanIntervalMs?: number;
  /**
   * PIXDROP_WATCH_EVENTS (tests): 'off', watched folders raise no events and only rescans find new files;
   * 'folders', only new folders raise events (files copied into a new folder whose events were lost).
   */
  watchEvents?: WatchEvents;
  /**
   * false: photos are sent without asking the album first, registration asks only after an
   * interrupted attempt (the behaviour before album contents were asked; measurements only).
   */
  askAlbumFirst?: boolean;
}

/** What the CLI and hosts need beyond PixdropApi. */
export interface Engine extends PixdropApi {
  readonly config: EngineConfig;
  /** Recover interrupted jobs and start the scheduler. */
  start(): Promise<void>;
  /** Stop scheduling, abort transfers cleanly (progress stays saved), close the library. */
  stop(): Promise<void>;
  /** Queue every photo below the paths; resolves when the scan finished. */
  enqueuePaths(
    paths: string[],
    target: UploadTarget,
    rules?: ScanRules,
  ): Promise<{
    queued: number;
    jobIds: number[];
    alreadyDone: number[];
    problems: { path: string; error: ErrorView }[];
    ignored: IgnoredEntry[];
  }>;
  /**
   * Finishes the --after-upload actions that can be done now (their photos verified in the album); resolves
   * with how many wait for a later run because their album could not be asked.
   */
  finishFrees(): Promise<{ postponed: number }>;
  /** The views of these jobs as they are now (unknown ids left out). */
  jobViews(jobIds: number[]): JobView[];
  /** Resolves when none of the given jobs (or no job at all) is still queued/active/waiting. */
  waitUntilSettled(jobIds?: number[]): Promise<void>;
  /** Unthrottled event stream for hosts; hosts batch and throttle for UIs. */
  onEvent(listener: (event: EngineEvent) => void): () => void;
}
