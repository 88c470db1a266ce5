/**
 * One logger with child prefixes. Lines go to a sink (a log file in the data dir, stderr in
 * debug runs). Values that look like secrets are masked here, at the last edge, so a mistake
 * elsewhere cannot leak a token or an API secret into a log.
 */
import { appendFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import type { LogLevel, Logger } from './types';

const RANK: Record<LogLevel, number> = { error: 0, warn: 1, info: 2, debug: 3 };
const SECRET_KEYS = /^(token|api_?token|api_?secret|secret|signature|authorization|cloudinary_?url|password|gps_.*)$/i;
const SECRET_TEXT = [
  /cloudinary:\/\/[^@\s]*@/gi, // CLOUDINARY_URL credentials
  /eyJ[\w-]+\.[\w-]+\.[\w-]+/g, // JWTs
  /(token=)[^&\s"]+/gi,
];

export function redact(text: string): string {
  return SECRET_TEXT.reduce((out, pattern) => out.replace(pattern, (m, p1) => (typeof p1 === 'string' ? `${p1}***` : m.startsWith('cloudinary') ? 'cloudinary://***@' : '***')), text);
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

/** Appends to <dataDir>/logs/pixdrop.log; also mirrors to stderr when PIXDROP_LOG_STDERR=1. */
export function fileSink(dataDir: string, mirrorToStderr = process.env.PIXDROP_LOG_STDERR === '1'): LogSink {
  const dir = path.join(dataDir, 'logs');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'pixdrop.log');
  return (line) => {
    try {
      appendFileSync(file, `${line}\n`);
    } catch {
      // A full disk must not take the engine down with it; the line is lost, the work is not.
    }
    if (mirrorToStderr) process.stderr.write(`${line}\n`);
  };
}

export const silentLogger: Logger = createLogger('error', () => {});
