/**
 * PixdropApi: every call and event the UI can use, declared once. The Electron preload and
 * the browser's HTTP/WebSocket transport both `satisfies PixdropApi`; main-side hosts
 * (electron/ipc.ts, web/) validate every argument with the zod schemas in api-schemas.ts.
 * Errors cross as data (`Result`), never as thrown exceptions.
 */
import type { ErrorCode, ErrorView } from './errors';
import type { JobStatus } from './job';
import type { Metadatas } from './metadata';

export type Result<T> = { ok: true; value: T } | { ok: false; error: ErrorView };

export interface AlbumView {
  id: string;
  name: string;
  images_count: number;
  cover_url: string | null;
  updated_at: string;
}

/** Where dropped/added photos go: one named album, or one album per top-level folder. */
/** albumFromFolder's mode (contract §1): root (default), leaf or path. */
export type UploadTarget = { albumId: string } | { albumFromFolder: true; mode?: 'root' | 'leaf' | 'path' };

/**
 * What a drop or a watched folder leaves out, pairs and does with re-exports (contract §1 options);
 * saved per watched folder. Absent fields take the defaults: videos in, RAW+JPEG paired, re-exports replace.
 */
export interface FolderRules {
  videos?: boolean;
  include?: string[];
  exclude?: string[];
  /** Taken-date range, inclusive: YYYY-MM-DD or YYYY-MM-DDTHH:MM, camera time. */
  takenFrom?: string;
  takenTo?: string;
  rawJpeg?: 'pair' | 'both' | 'jpeg' | 'raw';
  onChange?: 'replace' | 'new' | 'skip';
}

/** Why a found file is not uploaded (contract §1 `file-ignored`). */
export type IgnoredReason = 'unsupported' | 'filtered' | 'junk' | 'sidecar' | 'paired';

/** A found file left out, and why. */
export interface IgnoredEntry {
  path: string;
  reason: IgnoredReason;
  /** For a symbolic link leading outside the chosen folder: where it leads (said as `link_to`). */
  linkTo?: string;
}

export interface IgnoredFile extends IgnoredEntry {
  /** When it was last found and left out (ms since the epoch). */
  at: number;
}

/** The files that go along with an album photo: a pair's RAW, a Live Photo's clip. */
export interface PairFiles {
  raw?: string;
  motion?: string;
}

/** A dry run's plan (contract §1 `--dry-run`): what a drop would do, nothing sent. Lists are capped; counts are whole. */
export interface PlanView {
  files: Array<{ path: string; action: 'new' | 'already-there' | 'replaces'; album: string; bytes: number; rawPath?: string; motionPath?: string }>;
  ignored: IgnoredEntry[];
  problems: Array<{ path: string; message: string }>;
  albumsToCreate: string[];
  counts: { new: number; alreadyThere: number; replaces: number; paired: number; ignored: number; failed: number; albumsToCreate: number; bytes: number };
}
/** What happens to a file once its photo is verified in the album (--after-upload): kept (default), moved below `dir`, deleted. */
export type AfterUpload = { action: 'keep' } | { action: 'move'; dir: string } | { action: 'delete' };

export interface JobView {
  id: number;
  fileId: number;
  path: string;
  relativePath: string;
  filename: string;
  albumId: string | null;
  status: JobStatus;
  bytesTotal: number;
  bytesDone: number;
  error: ErrorView | null;
  attempts: number;
  nextAttemptAt: number | null;
  publicId: string | null;
  /** The backend's image id once registered. */
  imageId: string | null;
  updatedAt: number;
  /** Present when this photo is a pair: the RAW and/or the clip that go along with it. */
  pair?: PairFiles;
  /**
   * Present while the job is not a plain upload (until it is registered): `replace` sends a re-export that
   * replaces its album photo in place (--on-change replace), `link` sends a RAW or clip that arrived after its
   * photo was registered and links it to that photo.
   */
  work?: 'replace' | 'link';
}

export interface QueueSummary {
  total: number;
  byStatus: Record<JobStatus, number>;
  bytesTotal: number;
  bytesDone: number;
  /** True while a scan is still discovering files: the overall bar must not show 100 %. */
  scanning: boolean;
  /** Smoothed throughput, bytes per second. */
  bytesPerSecond: number;
  etaSeconds: number | null;
  /** Uploads allowed at once now (adapts to the line unless set). */
  concurrency?: number;
}

export type ConnectionState =
  | { state: 'online' }
  | { state: 'offline'; since: number; nextProbeAt: number | null }
  | { state: 'auth-required'; message: string }
  | { state: 'rate-limited'; until: number };

export interface EngineStatus {
  demoMode: boolean;
  paused: boolean;
  connection: ConnectionState;
  queue: QueueSummary;
}

export interface JobQuery {
  filter?: 'all' | 'active' | 'failed' | 'done';
  albumId?: string;
  offset?: number;
  limit?: number;
}

export interface JobPage {
  total: number;
  offset: number;
  jobs: JobView[];
}

export interface PhotoDetails {
  jobId: number;
  path: string;
  metadatas: Metadatas;
  /** data: URL of the embedded EXIF thumbnail, or null. */
  thumbnail: string | null;
  /** No thumbnail yet because the HEIC decoder is busy with other photos: ask again in a moment. */
  thumbnailLater?: boolean;
  imageId: string | null;
  title: string | null;
  description: string | null;
  keywords: string[];
  /** Edits waiting to be sent to the backend (made while offline). */
  pendingEdit: boolean;
  /** The files this photo is made of besides its own path (a RAW, a Live Photo's clip). */
  pair?: PairFiles;
}

export interface ImageView {
  id: string;
  public_id: string;
  filename: string | null;
  title: string | null;
  description: string | null;
  taken_at: string | null;
  width: number | null;
  height: number | null;
  thumbnail_url: string | null;
  metadatas: Record<string, unknown>;
}

export interface WatchView {
  id: number;
  path: string;
  target: UploadTarget;
  state: 'watching' | 'unavailable' | 'starting';
  message: string | null;
  /** The folder is on a network or FUSE mount (its name, e.g. 'NFS'), so it is watched by polling; null: local, by events. */
  polling?: string | null;
  /** When the folder was last walked through for photos events may have missed (ms since the epoch). */
  lastRescanAt?: number | null;
  /** Files below the folder a cancel would take out of the queue (queued, uploading, paused, failed…). */
  cancellable?: number;
  /** What this folder leaves out, pairs and does with re-exports. */
  rules?: FolderRules;
  /** What happens to its files once verified in the album; absent = kept. */
  afterUpload?: AfterUpload;
}

export interface SettingsView {
  backendUrl: string | null;
  /** Desktop app: check for updates and install them (electron-updater); on unless switched off. */
  autoUpdate: boolean;
  /** Desktop app: keep crash dumps locally (never uploaded); applies from the next start. */
  crashReports: boolean;
  /** Where crash dumps are kept and how many there are. */
  crashDumps: { dir: string; count: number; newestAt: number | null };
  /** Whether a token is stored; the token itself never crosses to a renderer. */
  hasToken: boolean;
  /** Whether CLOUDINARY_URL is configured; the URL and its secret never cross. */
  hasCloudinaryUrl: boolean;
  cloudName: string | null;
  concurrency: number;
  chunkSize: number;
  /** The upload limit in force, as written (`2M`, `08:00,1M 19:00,off`); null = unlimited. */
  bwlimit?: string | null;
  /** The language chosen in Settings (tray and notifications follow it); null = the system's. */
  language?: 'en' | 'de' | null;
  demoMode: boolean;
}

export interface SettingsPatch {
  backendUrl?: string | null;
  autoUpdate?: boolean;
  crashReports?: boolean;
  token?: string;
  cloudinaryUrl?: string;
  concurrency?: number;
  chunkSize?: number;
  /** A rate or timetable (shared/bandwidth.ts); null or "off" = unlimited. Applies to transfers under way. */
  bwlimit?: string | null;
  language?: 'en' | 'de' | null;
}

/** What cancelJobs takes out of the queue: these jobs, every job, or every job below a folder. */
export type CancelTarget = number[] | 'all' | { folder: string };

/** What `pixdrop doctor` reports, as text to read and paste (no secret in it) and the problems found. */
export interface DiagnosticsView {
  ok: boolean;
  text: string;
  problems: string[];
}

export interface PhotoEdit {
  title?: string;
  description?: string;
  /** Replaces the photo's keywords (metadatas[keywords] on the backend). */
  keywords?: string[];
}

/** The folders below one folder (browser folder chooser); files are never listed. */
export interface DirectoryListing {
  path: string;
  /** null at the root of a disk. */
  parent: string | null;
  home: string;
  folders: Array<{ name: string; path: string }>;
}

export interface AddPathsResult {
  queued: number;
}

/** Events, batched and throttled by the host (≤ 4 per second per subscriber). */
export type EngineEvent =
  | { type: 'jobsChanged'; jobs: JobView[] }
  | { type: 'statusChanged'; status: EngineStatus }
  | { type: 'albumsChanged' }
  | { type: 'watchesChanged'; watches: WatchView[] }
  | { type: 'filesIgnored'; files: IgnoredFile[] }
  | { type: 'notice'; level: 'info' | 'warning' | 'error'; code?: ErrorCode; message: string }
  /** A file was moved or deleted after its photo was verified in the album (--after-upload). */
  | { type: 'fileFreed'; path: string; action: 'move' | 'delete'; destination: string | null };

export interface PixdropApi {
  getStatus(): Promise<Result<EngineStatus>>;
  listAlbums(): Promise<Result<AlbumView[]>>;
  createAlbum(name: string): Promise<Result<AlbumView>>;
  listAlbumImages(albumId: string): Promise<Result<ImageView[]>>;
  addPaths(paths: string[], target: UploadTarget, rules?: FolderRules): Promise<Result<AddPathsResult>>;
  /** The dry run: what addPaths would do with the same arguments; sends and records nothing. */
  planPaths(paths: string[], target: UploadTarget, rules?: FolderRules): Promise<Result<PlanView>>;
  /** Files found and not uploaded since PixDrop started, newest first, with why. */
  listIgnored(): Promise<Result<IgnoredFile[]>>;
  /** Queues the sample photos shipped with PixDrop (samples/), one album named after their folder. */
  addSamples(): Promise<Result<AddPathsResult>>;
  listJobs(query: JobQuery): Promise<Result<JobPage>>;
  getPhoto(jobId: number): Promise<Result<PhotoDetails>>;
  editPhoto(jobId: number, edit: PhotoEdit): Promise<Result<PhotoDetails>>;
  retryJobs(jobIds: number[] | 'all-failed'): Promise<Result<{ requeued: number }>>;
  pauseJobs(jobIds: number[] | 'all'): Promise<Result<{ paused: number }>>;
  resumeJobs(jobIds: number[] | 'all'): Promise<Result<{ resumed: number }>>;
  /** Takes files out of the queue; a running transfer is aborted at once; a cancelled file is uploaded again only if added again. */
  cancelJobs(target: CancelTarget): Promise<Result<{ cancelled: number }>>;
  listWatches(): Promise<Result<WatchView[]>>;
  addWatch(path: string, target: UploadTarget, rules?: FolderRules, afterUpload?: AfterUpload): Promise<Result<WatchView>>;
  removeWatch(id: number): Promise<Result<{ removed: boolean }>>;
  getSettings(): Promise<Result<SettingsView>>;
  updateSettings(patch: SettingsPatch): Promise<Result<SettingsView>>;
  /** `pixdrop doctor`'s report for the running PixDrop ("Copy diagnostics" in Settings). */
  getDiagnostics(): Promise<Result<DiagnosticsView>>;
  /** Sub-folders of `path` (null: the home folder), hidden and system folders left out. */
  listDirectory(path: string | null): Promise<Result<DirectoryListing>>;
  /** Desktop only: native folder picker. The browser host answers with an error. */
  chooseFolder(): Promise<Result<string | null>>;
  subscribe(listener: (events: EngineEvent[]) => void): () => void;
}

/** Calls that go over IPC / HTTP (everything but subscribe). */
export type ApiMethod = Exclude<keyof PixdropApi, 'subscribe'>;

/** Every call, once: a method of PixdropApi missing here, or a name that is not one, does not compile. */
const API_METHOD_SET: Record<ApiMethod, true> = {
  getStatus: true,
  listAlbums: true,
  createAlbum: true,
  listAlbumImages: true,
  addPaths: true,
  planPaths: true,
  listIgnored: true,
  addSamples: true,
  listJobs: true,
  getPhoto: true,
  editPhoto: true,
  retryJobs: true,
  pauseJobs: true,
  resumeJobs: true,
  cancelJobs: true,
  listWatches: true,
  addWatch: true,
  removeWatch: true,
  getSettings: true,
  updateSettings: true,
  getDiagnostics: true,
  listDirectory: true,
  chooseFolder: true,
};

export const API_METHODS = Object.keys(API_METHOD_SET) as readonly ApiMethod[];

/** What the desktop preload adds to the API: the real path of a dropped file (Electron's webUtils; '' for non-disk files). */
export interface DesktopApi extends PixdropApi {
  getPathForFile(file: File): string;
}

/** Electron IPC channel names; the HTTP transport uses POST /api/<method>. */
export const Channel = {
  invoke: (method: ApiMethod) => `pixdrop:${method}` as const,
  events: 'pixdrop:events',
} as const;
