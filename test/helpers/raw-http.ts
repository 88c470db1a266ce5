/**
 * HTTP as a hostile local process would speak it: the request written byte for byte on a TCP
 * socket (node:net), so nothing normalises the request target on the way — percent-encoded paths
 * and absolute-form targets reach the server exactly as written.
 */
import net from 'node:net';

export interface RawAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Sends `request` (CRLF line ends are added) and reads the answer; a 101 is returned as soon as its head arrives. */
export function rawRequest(port: number, request: string, o: { timeoutMs?: number } = {}): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    let data = '';
    const timer = setTimeout(() => finish(new Error(`no complete answer in ${o.timeoutMs ?? 5000} ms: ${JSON.stringify(data.slice(0, 200))}`)), o.timeoutMs ?? 5000);
    const finish = (error?: Error) => {
      clearTimeout(timer);
      socket.destroy();
      if (error) return reject(error);
      resolve(parseAnswer(data));
    };
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => {
      data += chunk;
      if (/^HTTP\/1\.1 101 /.test(data) && data.includes('\r\n\r\n')) finish();
    });
    socket.on('end', () => finish());
    socket.on('error', (error) => (data ? finish() : finish(error)));
    socket.write(request.replace(/\r?\n/g, '\r\n'));
  });
}

function parseAnswer(data: string): RawAnswer {
  const [head, ...rest] = data.split('\r\n\r\n');
  const [statusLine, ...lines] = head.split('\r\n');
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine)?.[1] ?? 0);
  const headers = Object.fromEntries(lines.map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]));
  return { status, headers, body: rest.join('\r\n\r\n') };
}

/** A complete request with Host and Connection: close, and a JSON body when given. */
export function requestText(o: { method: string; target: string; port: number; headers?: Record<string, string>; body?: string }): string {
  const headers: Record<string, string> = { Host: `127.0.0.1:${o.port}`, Connection: 'close', ...o.headers };
  if (o.body !== undefined) {
    headers['Content-Type'] ??= 'application/json';
    headers['Content-Length'] = String(Buffer.byteLength(o.body));
  }
  const lines = Object.entries(headers).map(([name, value]) => `${name}: ${value}`);
  return `${o.method} ${o.target} HTTP/1.1\n${lines.join('\n')}\n\n${o.body ?? ''}`;
}

/** The headers of a WebSocket upgrade request (RFC 6455 §4.1). */
export function upgradeHeaders(extra: Record<string, string> = {}): Record<string, string> {
  return { Connection: 'Upgrade', Upgrade: 'websocket', 'Sec-WebSocket-Version': '13', 'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==', ...extra };
}
