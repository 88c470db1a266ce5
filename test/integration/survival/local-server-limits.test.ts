/**
 * The three local servers of a real `pixdrop serve` in demo mode (the web host, the
 * Cloudinary-compatible server, the album backend) under a local process that hoards sockets:
 * connections past the cap (256 each) are closed as they arrive, a connection that sends no
 * complete request head in 10 s is closed (silent or trickling a byte a second), an idle
 * keep-alive connection is closed after 5 s, and the app answers normally once the hoarder is gone.
 */
import type net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_SERVER_LIMITS } from '../../../src/main/localstack/limits';
import { startDemoServe, type DemoServe } from '../../helpers/demo-serve';
import { idleConnection, rawRequest, requestHead } from '../../helpers/raw-http';

let demo: DemoServe;
let servers: { name: string; port: number }[];

beforeAll(async () => {
  demo = await startDemoServe();
  servers = [
    { name: 'serve', port: demo.webPort },
    { name: 'cloudinary', port: demo.state.cloudinaryPort },
    { name: 'backend', port: demo.state.backendPort },
  ];
});

afterAll(async () => {
  await demo?.stop();
});

/** Milliseconds until the server closes the socket, or null if it is still open after limitMs. */
function closedWithin(socket: net.Socket, limitMs: number): Promise<number | null> {
  const started = Date.now();
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(null), limitMs);
    const done = () => {
      clearTimeout(timer);
      resolve(Date.now() - started);
    };
    if (socket.destroyed || socket.readableEnded) return done();
    socket.once('close', done);
    socket.once('end', done);
    socket.on('error', () => undefined);
  });
}

async function expectAnswering(): Promise<void> {
  for (const { name, port } of servers) {
    const answer = await rawRequest(port, requestHead('GET', '/', [['Host', `127.0.0.1:${port}`]]));
    expect(answer.status, name).not.toBeNull();
  }
  expect(demo.alive(), demo.stderr()).toBe(true);
}

describe('local server limits', () => {
  it('closes connections past the cap as they arrive, and answers again once they are gone', async () => {
    const extra = 40;
    const sockets = await Promise.all(
      servers.flatMap(({ port }) => Array.from({ length: LOCAL_SERVER_LIMITS.maxConnections + extra }, () => idleConnection(port))),
    );
    const closed = await Promise.all(sockets.map((socket) => closedWithin(socket, 3000)));
    for (const [index, { name }] of servers.entries()) {
      const mine = closed.slice(index * (LOCAL_SERVER_LIMITS.maxConnections + extra), (index + 1) * (LOCAL_SERVER_LIMITS.maxConnections + extra));
      const refused = mine.filter((ms) => ms !== null).length;
      // The engine may hold a keep-alive connection or two of its own to the demo servers.
      expect(refused, name).toBeGreaterThanOrEqual(extra);
      expect(refused, name).toBeLessThanOrEqual(extra + 4);
    }
    for (const socket of sockets) socket.destroy();
    await expectAnswering();
  });

  it('closes a connection that sends no whole request head within the headers timeout, silent or trickling', async () => {
    const limit = LOCAL_SERVER_LIMITS.headersTimeoutMs + 2 * LOCAL_SERVER_LIMITS.checkIntervalMs + 3000;
    const waits = await Promise.all(
      servers.flatMap(({ port }) => {
        const silent = idleConnection(port).then((socket) => closedWithin(socket, limit));
        const trickling = idleConnection(port).then((socket) => {
          const head = `GET / HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nX-Slow: ${'a'.repeat(100)}`;
          let sent = 0;
          const timer = setInterval(() => {
            if (socket.destroyed || sent >= head.length) return clearInterval(timer);
            socket.write(head[sent]);
            sent += 1;
          }, 1000);
          return closedWithin(socket, limit).finally(() => clearInterval(timer));
        });
        return [silent, trickling];
      }),
    );
    for (const [index, ms] of waits.entries()) {
      const { name } = servers[Math.floor(index / 2)];
      expect(ms, `${name} ${index % 2 ? 'trickling' : 'silent'}`).not.toBeNull();
      expect(ms!, name).toBeGreaterThanOrEqual(LOCAL_SERVER_LIMITS.headersTimeoutMs - 1000);
    }
    await expectAnswering();
  });

  it('closes an idle keep-alive connection after the keep-alive timeout', async () => {
    const limit = LOCAL_SERVER_LIMITS.keepAliveTimeoutMs + 3000;
    const waits = await Promise.all(
      servers.map(async ({ port }) => {
        const socket = await idleConnection(port);
        const answered = new Promise<void>((resolve) => socket.once('data', () => resolve()));
        socket.write(
          requestHead('GET', '/', [
            ['Host', `127.0.0.1:${port}`],
            ['Connection', 'keep-alive'],
          ]),
        );
        await answered;
        return closedWithin(socket, limit);
      }),
    );
    for (const [index, ms] of waits.entries()) expect(ms, servers[index].name).not.toBeNull();
  });
});
