/**
 * One multipart POST with the file slice streamed from disk (memory stays flat whatever the size),
 * an exact Content-Length, an optional bandwidth limit (shared by all transfers), and a stall watchdog: when no byte moves
 * (up or down) for stallTimeoutMs the request is aborted. Returns the raw answer; interpreting it
 * is response.ts's job.
 */
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { request } from 'undici';
import { AppError } from '../../../shared/errors';
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

async function* fileBytes(slice: FileSlice, o: PostOptions, kick: () => void): AsyncGenerator<Buffer> {
  const expected = slice.end - slice.start + 1;
  const limiter = o.bytesPerSecond && o.bytesPerSecond > 0 ? sharedLimiter(o.bytesPerSecond) : null;
  let sent = 0;
  try {
    const pieces = createReadStream(slice.path, { start: slice.start, end: slice.end, highWaterMark: pieceSize(o.bytesPerSecond) });
    for await (const piece of pieces) {
      const buffer = piece as Buffer;
      if (limiter) await waitForBudget(limiter.take(buffer.length), kick);
      sent += buffer.length;
      kick();
      yield buffer;
      o.onFileBytes?.(sent);
    }
  } catch (error) {
    throw classifyNodeError(error, `"${slice.filename}"`);
  }
  if (sent !== expected) {
    throw new AppError('FILE_CHANGED', `"${slice.filename}" changed while it was being uploaded (it got shorter). It will be uploaded again from the start.`);
  }
}

async function readAnswer(body: AsyncIterable<Buffer>, kick: () => void): Promise<string> {
  const pieces: Buffer[] = [];
  let length = 0;
  for await (const piece of body) {
    kick();
    if (length < MAX_ANSWER_BYTES) pieces.push(piece);
    length += piece.length;
  }
  return Buffer.concat(pieces).toString('utf8');
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
  async function* body(): AsyncGenerator<Buffer> {
    try {
      yield frame.head;
      yield* fileBytes(o.file, o, watchdog.kick);
      yield frame.tail;
    } catch (error) {
      bodyError = error;
      throw error;
    }
  }
  try {
    if (o.signal?.aborted) throw o.signal.reason;
    const response = await request(o.url, {
      method: 'POST',
      headers: { ...o.headers, 'content-type': frame.contentType, 'content-length': String(frame.totalLength(fileLength)) },
      body: Readable.from(body(), { objectMode: false }),
      signal: controller.signal,
      // Our watchdog decides what "too slow" is; undici's own timers would cut slow-but-moving uploads.
      headersTimeout: 0,
      bodyTimeout: 0,
    });
    watchdog.kick();
    const text = await readAnswer(response.body, watchdog.kick);
    return { status: response.statusCode, retryAfter: headerValue(response.headers['retry-after']), text };
  } catch (error) {
    throw explainFailure(error, { stalled, bodyError, signal: o.signal, stallTimeoutMs: o.stallTimeoutMs });
  } finally {
    watchdog.stop();
    o.signal?.removeEventListener('abort', forwardAbort);
  }
}

function explainFailure(error: unknown, why: { stalled: boolean; bodyError: unknown; signal?: AbortSignal; stallTimeoutMs: number }): unknown {
  if (why.signal?.aborted) {
    return new AppError('NETWORK', 'The upload was stopped before it finished; it continues from the last confirmed chunk.', {
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
