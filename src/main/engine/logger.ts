/**
 * One logger with child prefixes. Lines go to a sink (a log file in the data dir, stderr in
 * debug runs). Values that look like secrets are masked here, at the last edge, so a mistake
 * elsewhere cannot leak a token or an API secret into a log.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { createStream, type RotatingFileStream } from 'rotating-file-stream';
import type { LogLevel, Logger } from './types';

const RANK: Record<LogLevel, number> = { error: 0, warn: 1, info: 2, debug: 3 };
const SECRET_KEYS = /^(token|api_?token|api_?secret|secret|signature|authorization|cloudinary_?url|password|gps_.*)$/i;
const SECRET_TEXT = [
  /cloudinary:\/\/[^@\s]*@/gi, // CLOUDINARY_URL credentials
  /eyJ[\w-]+\.[\w-]+\.[\w-]+/g, // JWTs
  /(token=)[^&\s"]+/gi,
];

export function redact(text: string): string {
  return SECRET_TEXT.reduce(
    (out, pattern) => out.replace(pattern, (m, p1) => (typeof p1 === 'string' ? `${p1}***` : m.startsWith('cloudinary') ? 'cloudinary://***@' : '***')),
    text,
  );
}

function redactFields(fields: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) {
    out[key] = SECRET_KEYS.test(key) ? '***' : typeof value === 'string' ? redact(value) : value;
  }
  return out;
}

export type LogSink = (line: string) => void;

export function createLogger(level: LogLevel, sink: LogSink, prefix = 'pixdrop'): Logger {
  const write = (at: LogLevel, message: string, fields?: Record<string, unknown>) => {
    if (RANK[at] > RANK[level]) return;
    const extra = fields && Object.keys(fields).length > 0 ? ` ${JSON.stringify(redactFields(fields))}` : '';
    sink(`${new Date().toISOString()} ${at.toUpperCase()} [${prefix}] ${redact(message)}${extra}`);
  };
  return {
    error: (m, f) => write('error', m, f),
    warn: (m, f) => write('warn', m, f),
    info: (m, f) => write('info', m, f),
    debug: (m, f) => write('debug', m, f),
    child: (child) => createLogger(level, sink, `${prefix}:${child}`),
  };
}

export interface FileSinkOptions {
  /** Size at which pixdrop.log is rotated (rotating-file-stream's form: "10M", "1K"). */
  size?: string;
  /** Rotated files kept: pixdrop.1.log (newest) … pixdrop.N.log. */
  keep?: number;
}

const openStreams = new Set<RotatingFileStream>();

/** The log file, rotated by size: <dataDir>/logs/pixdrop.log, then pixdrop.1.log … pixdrop.5.log. */
export function logFilePath(dataDir: string, index = 0): string {
  return path.join(dataDir, 'logs', index ? `pixdrop.${index}.log` : 'pixdrop.log');
}

/**
 * Appends to <dataDir>/logs/pixdrop.log, rotated at 10 MB with 5 older files kept (rotating-file-stream);
 * also mirrors to stderr when PIXDROP_LOG_STDERR=1.
 */
export function fileSink(dataDir: string, mirrorToStderr = process.env.PIXDROP_LOG_STDERR === '1', o: FileSinkOptions = {}): LogSink {
  const dir = path.join(dataDir, 'logs');
  mkdirSync(dir, { recursive: true });
  const stream = createStream((index) => path.basename(logFilePath(dataDir, typeof index === 'number' ? index : 0)), {
    path: dir,
    size: o.size ?? '10M',
    rotate: o.keep ?? 5,
  });
  // A full disk must not take the engine down with it; the line is lost, the work is not.
  stream.on('error', () => undefined);
  stream.on('warning', () => undefined);
  openStreams.add(stream);
  stream.once('close', () => openStreams.delete(stream));
  return (line) => {
    if (stream.writable) stream.write(`${line}\n`);
    if (mirrorToStderr) process.stderr.write(`${line}\n`);
  };
}

/** Writes what is still buffered, for a process about to exit (at most `timeoutMs`). */
export async function flushLogs(timeoutMs = 1_000): Promise<void> {
  const ended = [...openStreams].map((stream) => new Promise<void>((resolve) => stream.end(() => resolve())));
  await Promise.race([Promise.all(ended), new Promise((resolve) => setTimeout(resolve, timeoutMs).unref())]);
}

export const silentLogger: Logger = createLogger('error', () => {});
