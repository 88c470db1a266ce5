/**
 * Runs the request fuzz against a live `pixdrop serve` in demo mode for a bounded time, a few
 * requests at a time, and reports what it sent and what came back. It stops at once if the
 * process dies, keeping the last requests so the one that killed it can be replayed.
 */
import type { DemoServe } from '../demo-serve';
import { rawRequest } from '../raw-http';
import { createTokenKit } from '../../../src/main/localstack/backend/tokens';
import { systemClock } from '../../../src/main/engine/types';
import { seededRand } from './random';
import { FAMILIES, type FuzzRequest, type FuzzTarget } from './requests';

export interface FuzzReport {
  seed: number;
  seconds: number;
  requests: number;
  byFamily: Record<string, number>;
  /** Answers by status ("none": the server closed without answering, or the wait ran out). */
  statuses: Record<string, number>;
  /** Requests answered 5xx, by family: not fatal, but a request the server did not understand. */
  serverErrors: { family: string; status: number; request: string }[];
  died: boolean;
  /** The requests in flight or just sent when the process died. */
  lastRequests: string[];
}

export async function fuzzTarget(demo: DemoServe): Promise<FuzzTarget> {
  const tokens = createTokenKit(demo.state.jwtSecret, systemClock);
  return {
    webPort: demo.webPort,
    webToken: demo.webToken,
    cloudinaryPort: demo.state.cloudinaryPort,
    backendPort: demo.state.backendPort,
    cloudName: demo.state.cloudName,
    apiKey: demo.state.apiKey,
    apiSecret: demo.state.apiSecret,
    userToken: await demo.userToken(['fuzz-album']),
    webhookToken: await tokens.sign({ user_id: 'demo-photographer', album_id: 'fuzz-album' }, 3600),
  };
}

/** What a request looked like, short enough for a report line. */
export function describeRequest(request: FuzzRequest): string {
  const text = request.bytes.toString('latin1');
  const shown = text.length > 400 ? `${text.slice(0, 400)}… (${request.bytes.length} bytes)` : text;
  return `[${request.family} → :${request.port}${request.end ? ', half-closed' : ''}] ${JSON.stringify(shown)}`;
}

export async function runFuzz(demo: DemoServe, o: { durationMs: number; seed: number; concurrency?: number }): Promise<FuzzReport> {
  const target = await fuzzTarget(demo);
  const rand = seededRand(o.seed);
  const report: FuzzReport = { seed: o.seed, seconds: 0, requests: 0, byFamily: {}, statuses: {}, serverErrors: [], died: false, lastRequests: [] };
  const recent: FuzzRequest[] = [];
  const started = Date.now();
  const deadline = started + o.durationMs;

  async function worker(): Promise<void> {
    while (Date.now() < deadline && !report.died) {
      const request = rand.pick(FAMILIES)(rand, target);
      recent.push(request);
      if (recent.length > 24) recent.shift();
      report.requests += 1;
      report.byFamily[request.family] = (report.byFamily[request.family] ?? 0) + 1;
      const answer = await rawRequest(request.port, request.bytes, { end: request.end, timeoutMs: 1500, untilHead: true });
      const status = answer.status === null ? 'none' : String(answer.status);
      report.statuses[status] = (report.statuses[status] ?? 0) + 1;
      if (answer.status !== null && answer.status >= 500 && report.serverErrors.length < 50) {
        report.serverErrors.push({ family: request.family, status: answer.status, request: describeRequest(request) });
      }
      if (!demo.alive()) report.died = true;
    }
  }

  await Promise.all(Array.from({ length: o.concurrency ?? 12 }, worker));
  report.seconds = Math.round((Date.now() - started) / 100) / 10;
  if (report.died) report.lastRequests = recent.map(describeRequest);
  return report;
}

export function summary(report: FuzzReport): string {
  const families = Object.entries(report.byFamily)
    .map(([family, n]) => `${family}: ${n}`)
    .join('; ');
  const statuses = Object.entries(report.statuses)
    .sort()
    .map(([status, n]) => `${status}×${n}`)
    .join(' ');
  return `fuzz seed ${report.seed}: ${report.requests} requests in ${report.seconds} s (${families}); answers ${statuses}; 5xx ${report.serverErrors.length}; process ${report.died ? 'DIED' : 'alive'}`;
}
