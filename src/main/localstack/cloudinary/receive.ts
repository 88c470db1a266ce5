/**
 * Streams a multipart upload request: text fields are collected, then — when the `file` part
 * starts — `decide(fields)` says where its bytes go (a file and an offset) or refuses, in which case
 * the bytes are read and thrown away. The file bytes go straight to disk; a plain upload's small
 * file is also kept in memory as it passes, so describing it does not read it back.
 */
import type { IncomingMessage } from 'node:http';
import { createWriteStream, existsSync } from 'node:fs';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import busboy from 'busboy';
import { READ_WHOLE_BYTES } from './describe';
import type { Refusal } from './rules';

export interface FileTarget {
  path: string;
  /** Byte offset to write at (a re-sent chunk overwrites in place). */
  start: number;
  /** A file name never used before (a plain upload's): nothing there to keep, no need to look. */
  fresh?: boolean;
}

export interface ReceivedFile {
  filename: string;
  bytesWritten: number;
  /** The whole file as written, for a fresh target of at most READ_WHOLE_BYTES; null otherwise. */
  whole: Buffer | null;
}

export interface Received {
  fields: Record<string, string>;
  /** null when no file part came. */
  file: ReceivedFile | null;
  refusal: Refusal | null;
}

/** Counts the bytes on their way to disk and, for a fresh target, keeps them while they stay small. */
function countingStream(file: ReceivedFile, keep: boolean): Transform {
  let pieces: Buffer[] | null = keep ? [] : null;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      file.bytesWritten += chunk.length;
      if (pieces && file.bytesWritten > READ_WHOLE_BYTES) pieces = null;
      pieces?.push(chunk);
      callback(null, chunk);
    },
    flush(callback) {
      file.whole = pieces ? Buffer.concat(pieces, file.bytesWritten) : null;
      callback();
    },
  });
}

async function writeFilePart(stream: Readable, target: FileTarget, file: ReceivedFile): Promise<void> {
  // 'r+' keeps the bytes already received around the offset; a new file needs 'w'.
  const flags = !target.fresh && existsSync(target.path) ? 'r+' : 'w';
  await pipeline(stream, countingStream(file, !!target.fresh && target.start === 0), createWriteStream(target.path, { flags, start: target.start }));
}

export function receiveUpload(req: IncomingMessage, decide: (fields: Record<string, string>) => FileTarget | Refusal): Promise<Received> {
  return new Promise((resolve, reject) => {
    const fields: Record<string, string> = {};
    const result: Received = { fields, file: null, refusal: null };
    let writing: Promise<void> = Promise.resolve();
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: req.headers, defParamCharset: 'utf8', limits: { files: 1, fields: 200, fieldSize: 1024 * 1024 } });
    } catch (error) {
      resolve({ ...result, refusal: { status: 400, message: `Invalid multipart request: ${(error as Error).message}` } });
      req.resume();
      return;
    }
    parser.on('field', (name, value) => {
      if (name === 'file') result.refusal ??= { status: 400, message: 'Remote file URLs are not supported by the local Cloudinary server' };
      else fields[name] = value;
    });
    parser.on('file', (name, stream, info) => {
      const target = name === 'file' && !result.refusal ? decide(fields) : null;
      if (!target || 'status' in target) {
        if (target) result.refusal = target;
        // A form cut short fails this stream too; the parser's own 'error' answers for it.
        stream.on('error', () => undefined).resume();
        return;
      }
      const file: ReceivedFile = { filename: info.filename ?? 'file', bytesWritten: 0, whole: null };
      result.file = file;
      writing = writeFilePart(stream, target, file);
      writing.catch(() => undefined); // awaited below; avoid an unhandled rejection meanwhile
    });
    // A malformed or cut form ("Unexpected end of form", a broken part header) is the client's error:
    // answered with 400 once the bytes already on their way to disk have landed.
    parser.on('error', (error: Error) => {
      const refusal: Refusal = { status: 400, message: `Invalid multipart request: ${error.message}` };
      writing.then(
        () => resolve({ ...result, refusal }),
        () => resolve({ ...result, refusal }),
      );
    });
    req.on('error', reject);
    req.on('aborted', () => reject(new Error('request aborted')));
    parser.on('close', () => writing.then(() => resolve(result), reject));
    req.pipe(parser);
  });
}
