/**
 * One multipart POST with the file slice streamed from disk (memory stays flat whatever the size),
 * an exact Content-Length, an optional bandwidth limit (shared by all transfers), and a stall watchdog: when no byte moves
 * (up or down) for stallTimeoutMs the request is aborted. Returns the raw answer; interpreting it
 * is response.ts's job.
 */
import { open, type FileHandle } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { AppError } from '../../../shared/errors';
import { readText, sendRequest } from '../net/http-client';
import { classifyNodeError } from '../queue/retryPolicy';
import { multipartFrame } from './multipart';

export interface FileSlice {
  path: string;
  start: number;
  /** Inclusive. */
  end: number;
  filename: string;
}

export interface PostOptions {
  url: string;
  headers?: Record<string, string>;
  fields: Record<string, string>;
  file: FileSlice;
  signal?: AbortSignal;
  stallTimeoutMs: number;
  bytesPerSecond?: number | null;
  /** Bytes of the slice read and handed to the socket so far. */
  onFileBytes?(sent: number): void;
}

export interface RawAnswer {
  status: number;
  retryAfter: string | null;
  text: string;
}

/** Answers larger than this are not an upload response; stop reading instead of growing memory. */
const MAX_ANSWER_BYTES = 4 * 1024 * 1024;

interface Watchdog {
  kick(): void;
  stop(): void;
}

function startWatchdog(timeoutMs: number, onStall: () => void): Watchdog {
  const timer = setTimeout(onStall, timeoutMs);
  timer.unref();
  return { kick: () => timer.refresh(), stop: () => clearTimeout(timer) };
}

/**
 * The bandwidth limit is a budget for everything this process sends, not for each transfer: with
 * three uploads at once each gets a share, and the sum stays at the limit. Time spent idle (a
 * stall, a laptop asleep, a slow line) earns at most BURST_CREDIT_MS of credit, so a pause is not
 * followed by a burst above the limit.
 */
export interface BandwidthLimiter {
  /** Books `bytes` and returns how long to wait (ms) before sending them. */
  take(bytes: number): number;
}

const BURST_CREDIT_MS = 100;

export function createBandwidthLimiter(bytesPerSecond: number, now: () => number = () => performance.now()): BandwidthLimiter {
  let bookedUntil = -Infinity;
  return {
    take(bytes) {
      const at = now();
      bookedUntil = Math.max(bookedUntil, at - BURST_CREDIT_MS) + (bytes / bytesPerSecond) * 1000;
      return Math.max(0, bookedUntil - at);
    },
  };
}

/** One budget per limit value, shared by every transfer of this process. */
const sharedLimiters = new Map<number, BandwidthLimiter>();

function sharedLimiter(bytesPerSecond: number): BandwidthLimiter {
  let limiter = sharedLimiters.get(bytesPerSecond);
  if (!limiter) sharedLimiters.set(bytesPerSecond, (limiter = createBandwidthLimiter(bytesPerSecond)));
  return limiter;
}

/** Waiting for our own budget is not a stall: keep the watchdog quiet while we wait. */
async function waitForBudget(ms: number, kick: () => void): Promise<void> {
  for (let left = ms; left > 0; left -= 1_000) {
    await sleep(Math.min(left, 1_000));
    kick();
  }
}

/** Pieces of at most ~1/16 s of the budget, so a low limit is still smooth (and never above 64 KiB). */
function pieceSize(bytesPerSecond: number | null | undefined): number {
  const max = 64 * 1024;
  return bytesPerSecond && bytesPerSecond > 0 ? Math.max(1024, Math.min(max, Math.floor(bytesPerSecond / 16))) : max;
}

/**
 * The read buffers of one transfer, taken back once the connection has sent what was read into
 * them: a transfer reuses a few 64 KB buffers instead of leaving one behind per piece for the
 * garbage collector (3 uploads left 5–30 MB of such garbage at any moment, measured).
 */
interface PiecePool {
  take(): Buffer;
  /** Any buffer may be handed back; only this pool's own are kept. */
  give(piece: Buffer): void;
}

const MAX_FREE_PIECES = 8;

function createPiecePool(size: number): PiecePool {
  const own = new WeakSet<ArrayBufferLike>();
  const free: ArrayBuffer[] = [];
  return {
    take() {
      const memory = free.pop() ?? new ArrayBuffer(size);
      own.add(memory);
      return Buffer.from(memory);
    },
    give(piece) {
      if (own.has(piece.buffer) && free.length < MAX_FREE_PIECES) free.push(piece.buffer as ArrayBuffer);
    },
  };
}

async function* fileBytes(slice: FileSlice, o: PostOptions, kick: () => void, pool: PiecePool, size: number): AsyncGenerator<Buffer> {
  const expected = slice.end - slice.start + 1;
  const limiter = o.bytesPerSecond && o.bytesPerSecond > 0 ? sharedLimiter(o.bytesPerSecond) : null;
  let sent = 0;
  let file: FileHandle | null = null;
  try {
    file = await open(slice.path, 'r');
    const from = file;
    const readAt = async (position: number): Promise<Buffer | null> => {
      const length = Math.min(size, slice.end + 1 - position);
      if (length <= 0) return null;
      const buffer = pool.take();
      const { bytesRead } = await from.read(buffer, 0, length, position);
      return bytesRead > 0 ? buffer.subarray(0, bytesRead) : null;
    };
    // One piece read ahead while the previous one is being sent.
    let next = readAt(slice.start);
    for (let piece = await next; piece; piece = await next) {
      next = readAt(slice.start + sent + piece.length);
      next.catch(() => undefined);
      if (limiter) await waitForBudget(limiter.take(piece.length), kick);
      sent += piece.length;
      kick();
      yield piece;
      o.onFileBytes?.(sent);
    }
  } catch (error) {
    throw classifyNodeError(error, `"${slice.filename}"`);
  } finally {
    await file?.close().catch(() => undefined);
  }
  if (sent !== expected) {
    throw new AppError('FILE_CHANGED', `"${slice.filename}" changed while it was being uploaded (it got shorter). It will be uploaded again from the start.`);
  }
}

function headerValue(value: string | string[] | undefined): string | null {
  if (value === undefined) return null;
  return Array.isArray(value) ? (value[0] ?? null) : value;
}

export async function postMultipart(o: PostOptions): Promise<RawAnswer> {
  const frame = multipartFrame(o.fields, o.file.filename);
  const fileLength = o.file.end - o.file.start + 1;
  const controller = new AbortController();
  let stalled = false;
  let bodyError: unknown;
  const watchdog = startWatchdog(o.stallTimeoutMs, () => {
    stalled = true;
    controller.abort();
  });
  const forwardAbort = () => controller.abort(o.signal?.reason);
  o.signal?.addEventListener('abort', forwardAbort, { once: true });
  const size = pieceSize(o.bytesPerSecond);
  const pool = createPiecePool(size);
  async function* body(): AsyncGenerator<Buffer> {
    try {
      yield frame.head;
      yield* fileBytes(o.file, o, watchdog.kick, pool, size);
      yield frame.tail;
    } catch (error) {
      bodyError = error;
      throw error;
    }
  }
  try {
    if (o.signal?.aborted) throw o.signal.reason;
    // No idle timeout of the request's own: our watchdog decides what "too slow" is.
    const response = await sendRequest(o.url, {
      method: 'POST',
      headers: { ...o.headers, 'content-type': frame.contentType, 'content-length': String(frame.totalLength(fileLength)) },
      body: body(),
      onPieceSent: pool.give,
      signal: controller.signal,
    });
    watchdog.kick();
    const text = await readText(response.body, { maxBytes: MAX_ANSWER_BYTES, onData: watchdog.kick });
    return { status: response.status, retryAfter: headerValue(response.headers['retry-after']), text };
  } catch (error) {
    throw explainFailure(error, { stalled, bodyError, signal: o.signal, stallTimeoutMs: o.stallTimeoutMs });
  } finally {
    watchdog.stop();
    o.signal?.removeEventListener('abort', forwardAbort);
  }
}

function explainFailure(error: unknown, why: { stalled: boolean; bodyError: unknown; signal?: AbortSignal; stallTimeoutMs: number }): unknown {
  if (why.signal?.aborted) {
    return new AppError('ABORTED', 'The upload was stopped before it finished; it continues from the last confirmed chunk.', {
      details: { aborted: true },
      cause: why.signal.reason,
    });
  }
  if (why.stalled) {
    return new AppError('NETWORK', `The upload to Cloudinary stalled (no data moved for ${Math.round(why.stallTimeoutMs / 1000)} s). It will be retried automatically.`, {
      details: { stalled: true },
    });
  }
  if (why.bodyError instanceof AppError) return why.bodyError;
  return classifyNodeError(error, 'Cloudinary');
}
