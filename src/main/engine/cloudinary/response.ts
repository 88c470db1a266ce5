/**
 * Turning Cloudinary's raw answers into results or AppErrors (cloudinary-protocol.md §5, §6). Pure.
 * The body is parsed for every status: the `{error:{message}}` text is what tells a person why.
 */
import { AppError } from '../../../shared/errors';
import { skewFrom, staleClockMessage } from '../diagnostics/clock-skew';
import { classifyHttp } from '../queue/retry-policy';
import type { RawAnswer } from './transport';

export type CloudinaryUploadResponse = Record<string, unknown> & {
  public_id: string;
  version: number;
  bytes: number;
  format?: string;
  width?: number;
  height?: number;
  secure_url?: string;
  url?: string;
  etag?: string;
};

/** A non-final chunk's acknowledgement: `{done:false, bytes}`. */
export interface ChunkAcknowledgement {
  done: false;
  bytes?: number;
}

function parseJsonObject(text: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

export function serverMessageOf(text: string): string | undefined {
  const body = parseJsonObject(text);
  const error = body?.error;
  if (error && typeof error === 'object' && typeof (error as { message?: unknown }).message === 'string') {
    return (error as { message: string }).message;
  }
  return undefined;
}

/** A signature refused as too old: our clock, not the file, is wrong — say so, and by how much. */
function staleRequest(answer: RawAnswer, nowMs: number): AppError | null {
  const said = serverMessageOf(answer.text);
  if (answer.status !== 400 || !said || !/^stale request/i.test(said)) return null;
  const skewMs = skewFrom(answer.date, nowMs, nowMs);
  return new AppError('REJECTED', staleClockMessage(skewMs), { details: { httpStatus: answer.status, serverMessage: said, clockSkewMs: skewMs } });
}

function failure(answer: RawAnswer, nowMs: number, fallbackMessage?: string): AppError {
  const stale = staleRequest(answer, nowMs);
  if (stale) return stale;
  return classifyHttp(
    { status: answer.status, serverMessage: serverMessageOf(answer.text) ?? fallbackMessage, retryAfter: answer.retryAfter, service: 'Cloudinary' },
    nowMs,
  );
}

function isUploadResponse(body: Record<string, unknown>): body is CloudinaryUploadResponse {
  return typeof body.public_id === 'string' && typeof body.version === 'number';
}

/** The answer to a plain upload or to the final chunk: the upload response, or an AppError thrown. */
export function readFinalAnswer(answer: RawAnswer, nowMs: number): CloudinaryUploadResponse {
  if (answer.status !== 200) throw failure(answer, nowMs);
  const body = parseJsonObject(answer.text);
  if (!body) throw failure(answer, nowMs, 'the answer was not valid JSON');
  if (body.error) throw failure(answer, nowMs);
  if (!isUploadResponse(body)) throw failure(answer, nowMs, 'the answer has no public_id/version');
  return body;
}

/** The answer to a non-final chunk: any 200 JSON object without an error acknowledges it. */
export function readChunkAnswer(answer: RawAnswer, nowMs: number): ChunkAcknowledgement {
  if (answer.status !== 200) throw failure(answer, nowMs);
  const body = parseJsonObject(answer.text);
  if (!body) throw failure(answer, nowMs, 'the answer was not valid JSON');
  if (body.error) throw failure(answer, nowMs);
  return { done: false, bytes: typeof body.bytes === 'number' ? body.bytes : undefined };
}
