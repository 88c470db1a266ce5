/**
 * A small forwarding HTTP proxy on 127.0.0.1, as on hotel and office networks: absolute-URI
 * requests are forwarded (http targets), CONNECT opens a tunnel (https targets). It notes every
 * request and tunnel, with the Authorization scheme of the forwarded ones.
 */
import http from 'node:http';
import net from 'node:net';

export interface SeenRequest {
  method: string;
  /** host:port the request or tunnel went to. */
  host: string;
  /** The first word of a forwarded request's Authorization header ("Token"), or null. */
  authScheme: string | null;
}

export interface ForwardingProxy {
  url: string;
  seen: SeenRequest[];
  close(): Promise<void>;
}

export async function startForwardingProxy(): Promise<ForwardingProxy> {
  const seen: SeenRequest[] = [];
  const server = http.createServer((req, res) => {
    const target = new URL(req.url ?? '');
    seen.push({ method: req.method ?? '', host: target.host, authScheme: req.headers.authorization?.split(' ')[0] ?? null });
    const upstream = http.request(target, { method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  server.on('connect', (req, client: net.Socket, head) => {
    seen.push({ method: 'CONNECT', host: req.url ?? '', authScheme: null });
    const [host, port] = (req.url ?? '').split(':');
    const upstream = net.connect(Number(port), host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The environment without any proxy variable the machine running the tests may have. */
export function withoutProxyVars(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const out = { ...env };
  for (const key of Object.keys(out)) if (/^(https?|all|no)_proxy$/i.test(key)) delete out[key];
  return out;
}
