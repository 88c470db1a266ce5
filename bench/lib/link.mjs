/**
 * A simulated network link on 127.0.0.1: a TCP forwarding proxy in front of a local server that
 * delays every byte by half the round trip each way and shares one uplink bandwidth (a token
 * bucket, served round-robin across all connections) like a home or hotel line does. The
 * server's own processing time per upload is its latency option (faults.latencyMs), set by the
 * caller. Counts what it delivered, so a run's link use is bytes / (bandwidth × active time).
 *
 * The local servers answer only their own Host (127.0.0.1:<port>): the proxy rewrites the
 * proxy's host:port in the bytes it forwards to the server's, same length (both ports 5 digits).
 */
import net from 'node:net';

export const LINK_PROFILES = {
  home: { label: 'home fibre', bitsPerSecond: 100e6, rttMs: 20, serverMs: 500 },
  hotel: { label: 'hotel Wi-Fi', bitsPerSecond: 10e6, rttMs: 120, serverMs: 1000 },
  office: { label: 'office gigabit', bitsPerSecond: 1e9, rttMs: 5, serverMs: 300 },
};

const SLICE = 16 * 1024;
const HIGH_WATER = 1 << 20;
const LOW_WATER = 256 * 1024;

/** Same-length replacement of every occurrence of `from` by `to` (both Buffers). */
function rewrite(piece, from, to) {
  let at = piece.indexOf(from);
  if (at === -1) return piece;
  const out = Buffer.from(piece);
  while (at !== -1) {
    to.copy(out, at);
    at = out.indexOf(from, at + from.length);
  }
  return out;
}

/**
 * startLink({ targetPort, bitsPerSecond, rttMs }) → { url, port, stats(), reset(), close() }.
 * Uplink (client → server) is limited and delayed; downlink (answers) only delayed.
 */
export async function startLink(o) {
  const rate = o.bitsPerSecond / 8;
  const oneWayMs = o.rttMs / 2;
  const burst = Math.max(64 * 1024, rate * 0.02);
  const active = new Set();
  const counters = { up: 0, down: 0, connections: 0, firstUpAt: null, lastAt: null };
  let tokens = burst;
  let lastRefill = performance.now();
  let timer = null;
  let from = null;
  let to = null;

  const later = (fn) => setTimeout(fn, oneWayMs);
  const note = () => (counters.lastAt = performance.now());

  function pump() {
    timer = null;
    const now = performance.now();
    tokens = Math.min(burst, tokens + ((now - lastRefill) / 1000) * rate);
    lastRefill = now;
    let progressed = true;
    while (tokens >= 1 && progressed) {
      progressed = false;
      for (const c of active) {
        if (c.queued === 0 || tokens < 1) continue;
        const piece = c.queue[0];
        const n = Math.min(piece.length, SLICE, Math.floor(tokens));
        const out = n === piece.length ? c.queue.shift() : piece.subarray(0, n);
        if (n !== piece.length) c.queue[0] = piece.subarray(n);
        c.queued -= n;
        tokens -= n;
        progressed = true;
        later(() => {
          counters.up += n;
          note();
          if (!c.upstream.destroyed) c.upstream.write(out);
        });
        if (c.queued < LOW_WATER && c.paused) {
          c.paused = false;
          c.client.resume();
        }
        if (c.queued === 0 && c.clientEnded) later(() => c.upstream.end());
      }
    }
    if ([...active].some((c) => c.queued > 0)) {
      timer = setTimeout(pump, Math.max(1, ((Math.min(SLICE, burst) - tokens) / rate) * 1000));
    }
  }

  const schedule = () => {
    if (!timer) timer = setTimeout(pump, 0);
  };

  function connect(client) {
    counters.connections += 1;
    const upstream = net.connect(o.targetPort, '127.0.0.1');
    const c = { client, upstream, queue: [], queued: 0, paused: false, clientEnded: false };
    active.add(c);
    client.on('data', (piece) => {
      counters.firstUpAt ??= performance.now();
      c.queue.push(from ? rewrite(piece, from, to) : piece);
      c.queued += piece.length;
      if (c.queued > HIGH_WATER && !c.paused) {
        c.paused = true;
        client.pause();
      }
      schedule();
    });
    client.on('end', () => {
      c.clientEnded = true;
      if (c.queued === 0) later(() => upstream.end());
    });
    upstream.on('data', (piece) =>
      later(() => {
        counters.down += piece.length;
        note();
        if (!client.destroyed) client.write(piece);
      }),
    );
    upstream.on('end', () => later(() => client.end()));
    const drop = () => {
      active.delete(c);
      later(() => {
        client.destroy();
        upstream.destroy();
      });
    };
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
  }

  const server = net.createServer(connect);
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = server.address().port;
  if (String(port).length !== String(o.targetPort).length) throw new Error(`link: ports ${port} and ${o.targetPort} differ in length`);
  from = Buffer.from(`127.0.0.1:${port}`);
  to = Buffer.from(`127.0.0.1:${o.targetPort}`);
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    bytesPerSecond: rate,
    /** Bytes delivered each way, and the active time from the first byte up to the last byte either way. */
    stats() {
      const activeMs = counters.firstUpAt === null || counters.lastAt === null ? 0 : counters.lastAt - counters.firstUpAt;
      return { ...counters, activeMs, use: activeMs > 0 ? counters.up / (rate * (activeMs / 1000)) : 0 };
    },
    reset() {
      Object.assign(counters, { up: 0, down: 0, connections: 0, firstUpAt: null, lastAt: null });
    },
    close: () =>
      new Promise((resolve) => {
        for (const c of active) {
          c.client.destroy();
          c.upstream.destroy();
        }
        server.close(() => resolve());
      }),
  };
}
