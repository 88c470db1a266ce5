/**
 * The running engine's door for queue commands from another process of the same user (`pixdrop retry`
 * while `watch` or the app runs): a Unix socket in a 0700 folder of the data dir, the socket itself 0600
 * (a named pipe on Windows). One request per connection, one JSON line each way; the request is
 * validated, the answer is the engine's own Result. Only the engine holding the instance lock listens,
 * so a socket file left by a killed process is removed before listening again.
 */
import { createHash } from 'node:crypto';
import { chmodSync, lstatSync, mkdirSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import type { Result } from '../../../shared/api';
import type { Logger } from '../types';

const jobIds = z.array(z.number().int().positive()).max(1_000_000);

export const ControlRequest = z.discriminatedUnion('method', [
  z.object({ method: z.literal('retryJobs'), ids: z.union([jobIds, z.literal('all-failed')]) }),
  z.object({ method: z.literal('pauseJobs'), ids: z.union([jobIds, z.literal('all')]) }),
  z.object({ method: z.literal('resumeJobs'), ids: z.union([jobIds, z.literal('all')]) }),
  z.object({ method: z.literal('cancelJobs'), ids: z.union([jobIds, z.literal('all')]) }),
  // `pixdrop bwlimit`: the running engine takes the new limit (and saves it), transfers under way included.
  z.object({ method: z.literal('setBandwidth'), bwlimit: z.string().max(200).nullable() }),
  // `pixdrop albums` while a watch, upload or the app runs: asked of the engine that holds the library.
  z.object({ method: z.literal('listAlbums') }),
]);
export type ControlRequest = z.infer<typeof ControlRequest>;

/** A request line larger than this is refused (a million ids is ~8 MB). */
const MAX_REQUEST_BYTES = 16 * 1024 * 1024;
/** Unix socket paths are limited to ~104–108 bytes. */
const MAX_SOCKET_PATH = 100;

/** Where the channel of this data dir listens. */
export function controlAddress(dataDir: string): string {
  const id = createHash('sha1').update(path.resolve(dataDir)).digest('hex').slice(0, 16);
  if (process.platform === 'win32') return `\\\\.\\pipe\\pixdrop-${id}`;
  const inDataDir = path.join(dataDir, 'control', 'pixdrop.sock');
  if (inDataDir.length <= MAX_SOCKET_PATH) return inDataDir;
  return path.join(os.tmpdir(), `pixdrop-${process.getuid?.() ?? 'user'}`, `${id}.sock`);
}

/** The socket's folder, readable by this user only; refused when someone else owns it. */
function privateFolder(socketPath: string): void {
  const dir = path.dirname(socketPath);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const stat = lstatSync(dir);
  if (!stat.isDirectory() || (process.getuid && stat.uid !== process.getuid())) throw new Error(`${dir} is not a private folder of this user`);
  chmodSync(dir, 0o700);
}

export interface ControlChannel {
  close(): Promise<void>;
}

function answer(socket: net.Socket, result: Result<unknown>): void {
  socket.end(`${JSON.stringify(result)}\n`);
}

function serve(socket: net.Socket, handle: (request: ControlRequest) => Promise<Result<unknown>>): void {
  let text = '';
  socket.setEncoding('utf8');
  socket.on('error', () => socket.destroy());
  socket.on('data', (piece: string) => {
    text += piece;
    if (text.length > MAX_REQUEST_BYTES) {
      answer(socket, { ok: false, error: { code: 'REJECTED', message: 'The request to the running PixDrop is too large.' } });
      socket.destroy();
      return;
    }
    const end = text.indexOf('\n');
    if (end < 0) return;
    socket.removeAllListeners('data');
    let parsed: ReturnType<typeof ControlRequest.safeParse>;
    try {
      parsed = ControlRequest.safeParse(JSON.parse(text.slice(0, end)));
    } catch {
      parsed = { success: false } as ReturnType<typeof ControlRequest.safeParse>;
    }
    if (!parsed.success) return answer(socket, { ok: false, error: { code: 'REJECTED', message: 'The running PixDrop did not understand the request.' } });
    void handle(parsed.data).then((result) => answer(socket, result));
  });
}

/** Starts listening; null (with a warning) when the channel cannot be opened — the engine runs without it. */
export async function openControlChannel(
  dataDir: string,
  handle: (request: ControlRequest) => Promise<Result<unknown>>,
  logger: Logger,
): Promise<ControlChannel | null> {
  const address = controlAddress(dataDir);
  try {
    if (process.platform !== 'win32') {
      privateFolder(address);
      rmSync(address, { force: true }); // left by a process that was killed: we hold the lock, nobody listens on it
    }
    const server = net.createServer((socket) => serve(socket, handle));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(address, () => resolve());
    });
    if (process.platform !== 'win32') chmodSync(address, 0o600);
    server.unref();
    return {
      close: () =>
        new Promise<void>((resolve) => {
          server.close(() => resolve());
          if (process.platform !== 'win32') rmSync(address, { force: true });
        }),
    };
  } catch (error) {
    logger.warn(`control channel not opened at ${address}: ${(error as Error).message}; commands from other processes wait for this one to stop`);
    return null;
  }
}

/**
 * Sends one request to the engine running on this data dir. Null when none listens (no socket, or
 * refused), so the caller can open the engine itself.
 */
export function sendControlRequest(dataDir: string, request: ControlRequest, timeoutMs = 30_000): Promise<Result<unknown> | null> {
  const address = controlAddress(dataDir);
  return new Promise((resolve, reject) => {
    const socket = net.connect(address);
    let text = '';
    let connected = false;
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`the running PixDrop did not answer within ${Math.round(timeoutMs / 1000)} s`));
    }, timeoutMs);
    socket.setEncoding('utf8');
    socket.on('connect', () => {
      connected = true;
      socket.write(`${JSON.stringify(request)}\n`);
    });
    socket.on('data', (piece: string) => (text += piece));
    socket.on('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      if (!connected && ['ENOENT', 'ECONNREFUSED', 'ENOTSOCK'].includes(error.code ?? '')) resolve(null);
      else reject(error);
    });
    socket.on('end', () => {
      clearTimeout(timer);
      try {
        resolve(JSON.parse(text) as Result<unknown>);
      } catch {
        reject(new Error('the running PixDrop gave an unreadable answer'));
      }
    });
  });
}
