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

// seconds: data for this many seconds of the full line per run (BENCH_LINK_SECONDS overrides). The office line
// needs 6: with 4 s (and 40 photos, 1 s) the last upload's 0.3 s of server time alone capped every uploader at 76 %.
export const LINK_PROFILES = {
  home: { label: 'home fibre', bitsPerSecond: 100e6, rttMs: 20, serverMs: 500, seconds: 4 },
  hotel: { label: 'hotel Wi-Fi', bitsPerSecond: 10e6, rttMs: 120, serverMs: 1000, seconds: 4 },
  office: { label: 'office gigabit', bitsPerSecond: 1e9, rttMs: 5, serverMs: 300, seconds: 6 },
};

// Bytes sent per round-robin turn: 1 ms of the line, within 16 KB–256 KB. A fixed 16 KB slice meant
// ~7,600 timers and socket writes a second at 1 Gbit/s.
const sliceFor = (rate) => Math.max(16 * 1024, Math.min(256 * 1024, Math.round(rate / 1000)));
// Bytes a connection may have waiting before its sender is paused: at least 1 MB, else 20 ms of the
// line, so a late timer on a loaded machine finds bytes to make up the time with.
const highWaterFor = (rate) => Math.max(1 << 20, Math.round(rate * 0.02));
const LOW_WATER = 256 * 1024;

/**
 * A fixed delay for everything passed through it, in order: one timer for the head of a FIFO
 * instead of one per piece (all pieces wait the same time, so order of arrival is order of release).
 */
function delayLine(ms) {
  const queue = [];
  let head = 0;
  let timer = null;
  const release = () => {
    timer = null;
    const now = performance.now();
    while (head < queue.length && queue[head].due <= now + 0.5) queue[head++].fn();
    if (head > 1024 && head * 2 > queue.length) (queue.splice(0, head), (head = 0));
    if (head < queue.length) timer = setTimeout(release, Math.max(0, queue[head].due - now));
  };
  return (fn) => {
    queue.push({ due: performance.now() + ms, fn });
    if (!timer) timer = setTimeout(release, ms);
  };
}

/** Adds n bytes delivered now to the connection's trace, in 10 ms runs. */
function traceBytes(t, way, n) {
  const at = Math.floor(performance.now() / 10) * 10;
  const runs = t[way];
  if (runs.length && runs.at(-1)[0] === at) runs.at(-1)[1] += n;
  else runs.push([at, n]);
}

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
 * startLink({ targetPort, bitsPerSecond, rttMs, fromFirstPost?, trace? }) → { url, port, stats(), trace(), reset(), close() }.
 * Uplink (client → server) is limited and delayed; downlink (answers) only delayed. With fromFirstPost the
 * active time starts at the first request that sends something (a POST), not at a GET before it (the
 * CLI's clock check, answered long before its first upload starts: that wait is the CLI's start-up, not the line's).
 */
export async function startLink(o) {
  const rate = o.bitsPerSecond / 8;
  const oneWayMs = o.rttMs / 2;
  const burst = Math.max(64 * 1024, rate * 0.02);
  const active = new Set();
  const counters = { up: 0, down: 0, connections: 0, firstUpAt: null, lastAt: null };
  // With o.trace: per connection, when its bytes were delivered each way (after the delay), for link-trace.mjs.
  let trace = [];
  const slice = sliceFor(rate);
  const highWater = highWaterFor(rate);
  let tokens = burst;
  let lastRefill = performance.now();
  // Whether bytes were waiting since the last turn. While they wait the line is never idle, so it
  // earns its whole rate for the time that passed, however late this process's timer fired (a
  // capped bucket lost that time on a loaded machine: a raw sender got 92 % of 100 Mbit/s). Idle,
  // it earns at most `burst`, as a real line's idle time is lost.
  let backlog = false;
  let timer = null;
  let from = null;
  let to = null;

  const later = delayLine(oneWayMs);
  const note = () => (counters.lastAt = performance.now());

  function pump() {
    timer = null;
    const now = performance.now();
    const earned = ((now - lastRefill) / 1000) * rate;
    tokens = backlog ? Math.min(tokens + earned, rate) : Math.min(burst, tokens + earned);
    lastRefill = now;
    let progressed = true;
    while (tokens >= 1 && progressed) {
      progressed = false;
      for (const c of active) {
        if (c.queued === 0 || tokens < 1) continue;
        const piece = c.queue[0];
        const n = Math.min(piece.length, slice, Math.floor(tokens));
        const out = n === piece.length ? c.queue.shift() : piece.subarray(0, n);
        if (n !== piece.length) c.queue[0] = piece.subarray(n);
        c.queued -= n;
        tokens -= n;
        progressed = true;
        later(() => {
          counters.up += n;
          note();
          if (c.trace) traceBytes(c.trace, 'up', n);
          if (!c.upstream.destroyed) c.upstream.write(out);
        });
        if (c.queued < LOW_WATER && c.paused) {
          c.paused = false;
          c.client.resume();
        }
        if (c.queued === 0 && c.clientEnded) later(() => c.upstream.end());
      }
    }
    backlog = [...active].some((c) => c.queued > 0);
    if (backlog) {
      timer = setTimeout(pump, Math.max(1, ((Math.min(slice, burst) - tokens) / rate) * 1000));
    }
  }

  const schedule = () => {
    if (!timer) timer = setTimeout(pump, 0);
  };

  function connect(client) {
    counters.connections += 1;
    const upstream = net.connect(o.targetPort, '127.0.0.1');
    const c = { client, upstream, queue: [], queued: 0, paused: false, clientEnded: false, trace: null };
    if (o.trace) trace.push((c.trace = { id: counters.connections, openAt: performance.now(), up: [], down: [], requests: [] }));
    active.add(c);
    client.on('data', (piece) => {
      if (counters.firstUpAt === null && (!o.fromFirstPost || piece.subarray(0, 5).toString('latin1') === 'POST ')) counters.firstUpAt = performance.now();
      if (c.trace && /^(GET|POST|PUT|HEAD|DELETE) /.test(piece.subarray(0, 8).toString('latin1'))) {
        c.trace.requests.push([performance.now(), piece.subarray(0, 160).toString('latin1').split('\r\n')[0]]);
      }
      c.queue.push(from ? rewrite(piece, from, to) : piece);
      c.queued += piece.length;
      if (c.queued > highWater && !c.paused) {
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
        if (c.trace) traceBytes(c.trace, 'down', piece.length);
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
    /** With o.trace: each connection's deliveries, [ms, bytes] runs of 10 ms each way. */
    trace: () => ({ firstUpAt: counters.firstUpAt, connections: trace }),
    reset() {
      Object.assign(counters, { up: 0, down: 0, connections: 0, firstUpAt: null, lastAt: null });
      trace = [];
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

/**
 * The simulator's own ceiling on this machine now: `connections` raw TCP senders push `bytes` in
 * all through a fresh link with the same profile to a sink that only counts (no HTTP, no uploader,
 * no server work). Use below 100 % here is the proxy's, not an uploader's.
 */
export async function measureLinkCeiling({ bitsPerSecond, rttMs, bytes, connections = 4 }) {
  let sink;
  let link;
  for (let tries = 0; !link; tries += 1) {
    // Answers once a connection's share has all arrived; the senders never half-close (the proxy,
    // like an HTTP client's server, drops a connection whose client has ended).
    sink = net.createServer((s) => {
      let got = 0;
      s.on('data', (piece) => {
        got += piece.length;
        if (got >= share) s.end('done');
      });
    });
    await new Promise((resolve) => sink.listen(0, '127.0.0.1', resolve));
    try {
      link = await startLink({ targetPort: sink.address().port, bitsPerSecond, rttMs });
    } catch (e) {
      sink.close();
      if (tries > 20) throw e;
    }
  }
  const block = Buffer.alloc(64 * 1024, 0x5a);
  const share = Math.floor(bytes / connections);
  const send = (total) =>
    new Promise((resolve, reject) => {
      const s = net.connect(link.port, '127.0.0.1');
      let left = total;
      const go = () => {
        while (left > 0) {
          const n = Math.min(left, block.length);
          left -= n;
          if (!s.write(n === block.length ? block : block.subarray(0, n))) return void s.once('drain', go);
        }
      };
      s.on('connect', go)
        .on('data', () => undefined)
        .on('end', () => (s.destroy(), resolve()))
        .on('error', reject);
    });
  try {
    await Promise.all(Array.from({ length: connections }, () => send(share)));
    return link.stats();
  } finally {
    await link.close();
    await new Promise((resolve) => sink.close(() => resolve()));
  }
}
