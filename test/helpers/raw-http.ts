/**
 * HTTP as a hostile client writes it: exact bytes over a raw socket (node:net), so a test can send
 * what no HTTP library would (a cut body, a lying Content-Length, a foreign Host, garbage).
 */
import net from 'node:net';

export interface RawAnswer {
  /** The status of the first answer, or null when the server closed without answering. */
  status: number | null;
  /** Everything the server sent. */
  text: string;
  /** The server closed the connection (rather than the wait running out). */
  closedByServer: boolean;
}

export interface RawOptions {
  /**
   * Half-close after writing, as a client that leaves does. Node's server then drops the request
   * unanswered, so leave it off (the default) to see the answer.
   */
  end?: boolean;
  /** Stop waiting after this long. Default 5000 ms. */
  timeoutMs?: number;
  /** Resolve as soon as a whole answer head has arrived instead of waiting for the close. */
  untilHead?: boolean;
}

/** Sends the bytes on a new connection to 127.0.0.1:port and collects what comes back. */
export function rawRequest(port: number, bytes: string | Buffer, o: RawOptions = {}): Promise<RawAnswer> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    const pieces: Buffer[] = [];
    let settled = false;
    const finish = (closedByServer: boolean) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      const text = Buffer.concat(pieces).toString('latin1');
      const match = /^HTTP\/1\.[01] (\d{3})/.exec(text);
      resolve({ status: match ? Number(match[1]) : null, text, closedByServer });
    };
    const timer = setTimeout(() => finish(false), o.timeoutMs ?? 5000);
    socket.on('data', (piece: Buffer) => {
      pieces.push(piece);
      if (o.untilHead && Buffer.concat(pieces).includes('\r\n\r\n')) finish(false);
    });
    socket.on('error', () => finish(true));
    socket.on('close', () => finish(true));
    socket.on('connect', () => {
      socket.write(bytes);
      if (o.end) socket.end();
    });
  });
}

/**
 * A request head with CRLF line ends; headers as [name, value] pairs, in order, as sent. Adds
 * `Connection: close` (unless a Connection header is given) so the server closes once it answered.
 */
export function requestHead(method: string, target: string, headers: [string, string][]): string {
  const all = headers.some(([name]) => name.toLowerCase() === 'connection') ? headers : [...headers, ['Connection', 'close'] as [string, string]];
  return `${method} ${target} HTTP/1.1\r\n${all.map(([name, value]) => `${name}: ${value}\r\n`).join('')}\r\n`;
}

/** Opens a connection and keeps it open without sending anything; resolves when it is up. */
export function idleConnection(port: number): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => resolve(socket));
    socket.once('error', reject);
  });
}
