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
  /** The first answer's headers, names lower-cased. */
  headers: Record<string, string>;
  /** What followed the first answer's head. */
  body: string;
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
      resolve({ status: match ? Number(match[1]) : null, text, closedByServer, ...splitAnswer(text) });
    };
    const timer = setTimeout(() => finish(false), o.timeoutMs ?? 5000);
    socket.on('data', (piece: Buffer) => {
      pieces.push(piece);
      const sofar = Buffer.concat(pieces);
      // A 101 (WebSocket upgrade) never closes by itself: its head is the whole answer.
      const upgraded = sofar.subarray(0, 13).toString('latin1') === 'HTTP/1.1 101 ';
      if ((o.untilHead || upgraded) && sofar.includes('\r\n\r\n')) finish(false);
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

function splitAnswer(text: string): { headers: Record<string, string>; body: string } {
  const [head, ...rest] = text.split('\r\n\r\n');
  const lines = head.split('\r\n').slice(1);
  const headers = Object.fromEntries(lines.map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]));
  return { headers, body: rest.join('\r\n\r\n') };
}

/** A complete request with Host and Connection: close, and a JSON body when given. */
export function requestText(o: { method: string; target: string; port: number; headers?: Record<string, string>; body?: string }): string {
  const headers: Record<string, string> = { Host: `127.0.0.1:${o.port}`, Connection: 'close', ...o.headers };
  if (o.body !== undefined) {
    headers['Content-Type'] ??= 'application/json';
    headers['Content-Length'] = String(Buffer.byteLength(o.body));
  }
  return requestHead(o.method, o.target, Object.entries(headers)) + (o.body ?? '');
}

/** The headers of a WebSocket upgrade request (RFC 6455 §4.1). */
export function upgradeHeaders(extra: Record<string, string> = {}): Record<string, string> {
  return { Connection: 'Upgrade', Upgrade: 'websocket', 'Sec-WebSocket-Version': '13', 'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==', ...extra };
}
