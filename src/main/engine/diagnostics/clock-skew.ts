/**
 * This computer's clock against a server's `Date` header. Cloudinary refuses a signature whose
 * timestamp is more than an hour old ("Stale request"), so a clock an hour or more behind makes
 * every locally signed upload fail: that has to be said as what it is, with how far off it is.
 */
import { sendRequest } from '../net/http-client';
import type { Clock } from '../types';

/** Cloudinary's limit on a signature's age. */
export const MAX_SIGNATURE_AGE_MS = 60 * 60 * 1000;

export interface ServerClock {
  /** HTTP status of the answer that carried the Date header. */
  status: number;
  /** Round trip of the request, ms. */
  rttMs: number;
  /** Server time minus ours, ms (positive: this computer is behind); null when no Date header came back. */
  skewMs: number | null;
  serverDate: string | null;
}

/** A Date header has whole seconds: compare with the middle of the round trip, half a second later. */
export function skewFrom(dateHeader: string | null | undefined, sentAt: number, answeredAt: number): number | null {
  const server = dateHeader ? Date.parse(dateHeader) : NaN;
  if (Number.isNaN(server)) return null;
  return Math.round(server + 500 - (sentAt + answeredAt) / 2);
}

export async function readServerClock(url: string, clock: Clock, o: { headers?: Record<string, string>; timeoutMs?: number } = {}): Promise<ServerClock> {
  const sentAt = clock.now();
  const started = performance.now();
  const response = await sendRequest(url, { method: 'GET', headers: o.headers, idleTimeoutMs: o.timeoutMs ?? 5_000 });
  response.body.resume();
  const rttMs = Math.round(performance.now() - started);
  const answeredAt = clock.now();
  const date = typeof response.headers.date === 'string' ? response.headers.date : null;
  return { status: response.status, rttMs, skewMs: skewFrom(date, sentAt, answeredAt), serverDate: date };
}

/** To be followed by the other clock's owner: "2 h 0 min behind", "3 min 10 s ahead of", "within 2 s of". */
export function describeSkew(skewMs: number): string {
  const size = Math.abs(skewMs);
  if (size < 2_000) return 'within 2 s of';
  const total = Math.round(size / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const text = h > 0 ? `${h} h ${m} min` : m > 0 ? `${m} min ${s} s` : `${s} s`;
  return `${text} ${skewMs > 0 ? 'behind' : 'ahead of'}`;
}

/** The sentence for a clock Cloudinary will refuse (skew null: only the refusal is known). */
export function staleClockMessage(skewMs: number | null, subject = 'Cloudinary'): string {
  if (skewMs !== null && skewMs < MAX_SIGNATURE_AGE_MS) {
    // Our clock agrees with the server: what signed the upload (the album backend, with remote signing) is off.
    return (
      `${subject} refused the upload's signature as more than an hour old (Stale request), yet this computer's clock is ${describeSkew(skewMs)} ${subject}'s: ` +
      "the clock of whatever signed it (the album backend) is wrong. Ask the backend's administrator to set it right; the photo can be retried then."
    );
  }
  const how = skewMs === null ? "this computer's clock is probably more than an hour behind" : `this computer's clock is ${describeSkew(skewMs)} ${subject}'s`;
  return (
    `${subject} refuses uploads signed more than an hour ago (Stale request), and ${how}. ` +
    'Set the date, time and time zone right (automatic time), then run the same command again (failed photos: `pixdrop retry --all`).'
  );
}
