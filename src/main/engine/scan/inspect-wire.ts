/**
 * The messages between the inspect pool and its worker threads, and how an error crosses the
 * thread boundary: structured clone keeps an Error's message but not its class, so AppError's
 * code, details and the AbortError name are carried explicitly and rebuilt on the other side.
 */
import { AppError, type ErrorCode } from '../../../shared/errors';
import type { InspectedPhoto } from './inspect';
import type { FoundFile } from './walk';

export type ToWorker = { type: 'inspect'; id: number; file: FoundFile } | { type: 'abort'; id: number };

export interface WireError {
  name: string;
  message: string;
  code?: ErrorCode;
  details?: Record<string, unknown>;
}

export type FromWorker = { id: number; ok: true; photo: InspectedPhoto } | { id: number; ok: false; error: WireError };

export function errorToWire(error: unknown): WireError {
  if (error instanceof AppError) return { name: error.name, message: error.message, code: error.code, details: error.details };
  if (error instanceof Error) return { name: error.name, message: error.message };
  return { name: 'Error', message: String(error) };
}

export function errorFromWire(wire: WireError): Error {
  if (wire.code) return new AppError(wire.code, wire.message, { details: wire.details });
  const error = new Error(wire.message);
  error.name = wire.name;
  return error;
}
