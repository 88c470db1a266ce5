/**
 * One multipart POST with the file slice streamed from disk (memory stays flat whatever the size),
 * an exact Content-Length, an optional bandwidth limit (shared by all transfers), and a stall watchdog: when no byte moves
 * (up or down) for stallTimeoutMs the request is aborted. Returns the raw answer; interpreting it
 * is response.ts's job.
 */
import type { FileHandle } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { AppError } from '../../../shared/errors';
import { formatCap, isAnswerTooLarge, readText, sendRequest } from '../net/http-client';
import { classifyNodeError } from '../queue/retry-policy';
import { openRegular } from '../read/photo-bytes';
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
  /** The limit, or a function read before every piece: a new limit applies within a piece, mid-transfer. */
  bytesPerSecond?: RateSource;
  /** Bytes of the slice read and handed to the socket so far. */
  onFileBytes?(sent: number): void;
}

/** null/undefined = unlimited. */
export type RateSource = number | null | undefined | (() => number | null | undefined);

const rateOf = (source: RateSource) => {
  const value = typeof source === 'function' ? source() : source;
  return value && value > 0 ? value : null;
};

export interface RawAnswer {
  status: number;
  retryAfter: string | null;
  text: string;
  /** The server's Date header: tells how far off our clock is when a signature is refused as stale. */
  date?: string | null;
}

/** Answers larger than this are not an upload response: reading stops, and the error says so. */
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
  /** A new limit for what is booked from now on; transfers under way keep going. */
  setRate(bytesPerSecond: number): void;
}

const BURST_CREDIT_MS = 100;

/** File bytes this process has handed to the network (every transfer, re-sent pieces included). */
let fileBytesSentTotal = 0;

/** For a run's summary: what was actually sent, not the size of what ended up uploaded. */
export function fileBytesSent(): number {
  return fileBytesSentTotal;
}

export function createBandwidthLimiter(bytesPerSecond: number, now: () => number = () => performance.now()): BandwidthLimiter {
  let rate = bytesPerSecond;
  let bookedUntil = -Infinity;
  return {
    take(bytes) {
      const at = now();
      bookedUntil = Math.max(bookedUntil, at - BURST_CREDIT_MS) + (bytes / rate) * 1000;
      return Math.max(0, bookedUntil - at);
    },
    setRate(next) {
      if (next === rate) return;
      // What was booked at a lower rate is not owed at the higher one: start the new budget now.
      if (next > rate) bookedUntil = Math.min(bookedUntil, now());
      rate = next;
    },
  };
}

/** One budget for every transfer of this process, following the limit in force. */
let shared: BandwidthLimiter | null = null;

function sharedLimiter(bytesPerSecond: number): BandwidthLimiter {
  if (!shared) shared = createBandwidthLimiter(bytesPerSecond);
  shared.setRate(bytesPerSecond);
  return shared;
}

/** Waiting for our own budget is not a stall: keep the watchdog quiet while we wait. */
async function waitForBudget(ms: number, kick: () => void): Promise<void> {
  for (let left = ms; left > 0; left -= 1_000) {
    await sleep(Math.min(left, 1_000));
    kick();
  }
}

/** Pieces of at most ~1/16 s of the budget, so a low limit is still smooth (and never above 64 KiB). */
const MAX_PIECE = 64 * 1024;

function pieceSize(bytesPerSecond: number | null): number {
  return bytesPerSecond ? Math.max(1024, Math.min(MAX_PIECE, Math.floor(bytesPerSecond / 16))) : MAX_PIECE;
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

async function* fileBytes(slice: FileSlice, o: PostOptions, kick: () => void, pool: PiecePool): AsyncGenerator<Buffer> {
  const expected = slice.end - slice.start + 1;
  let sent = 0;
  let file: FileHandle | null = null;
  try {
    // Non-blocking and a regular file only: a pipe or device put in the photo's place since it was read must not hold a thread.
    file = await openRegular(slice.path);
    const from = file;
    const readAt = async (position: number): Promise<Buffer | null> => {
      // Sized for the limit in force now, so a change mid-transfer shapes the very next piece.
      const length = Math.min(pieceSize(rateOf(o.bytesPerSecond)), slice.end + 1 - position);
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
      const rate = rateOf(o.bytesPerSecond);
      if (rate) await waitForBudget(sharedLimiter(rate).take(piece.length), kick);
      sent += piece.length;
      fileBytesSentTotal += piece.length;
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
  const pool = createPiecePool(MAX_PIECE);
  async function* body(): AsyncGenerator<Buffer> {
    try {
      yield frame.head;
      yield* fileBytes(o.file, o, watchdog.kick, pool);
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
    return { status: response.status, retryAfter: headerValue(response.headers['retry-after']), text, date: headerValue(response.headers.date) };
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
    return new AppError(
      'NETWORK',
      `The upload to Cloudinary stalled (no data moved for ${Math.round(why.stallTimeoutMs / 1000)} s). It will be retried automatically.`,
      {
        details: { stalled: true },
      },
    );
  }
  if (why.bodyError instanceof AppError) return why.bodyError;
  if (isAnswerTooLarge(error)) {
    return new AppError(
      'BAD_RESPONSE',
      `Cloudinary's answer to the upload was larger than ${formatCap(error.maxBytes)}, far more than an upload answer, so it was not read. It will be retried automatically; if it keeps happening, check the Cloudinary upload URL.`,
      {
        details: { maxAnswerBytes: error.maxBytes },
      },
    );
  }
  return classifyNodeError(error, 'Cloudinary');
}
