/**
 * PixdropApi over `pixdrop serve`: POST /api/<method> for calls, one shared WebSocket on /events
 * for the event stream (reconnecting with backoff). The session token goes in the Authorization
 * header and the WebSocket handshake only, never in a URL. Transport failures become Results too, so
 * screens handle "server gone" exactly like any other error.
 */
import { API_METHODS, type ApiMethod, type EngineEvent, type PixdropApi, type Result } from '../../shared/api';
import { eventStreamProtocols } from '../../shared/session';

type Calls = Pick<PixdropApi, ApiMethod>;
type Listener = (events: EngineEvent[]) => void;

export interface HttpApiOptions {
  /** e.g. http://127.0.0.1:PORT/ */
  baseUrl: string;
  token: string;
}

export function createHttpApi(o: HttpApiOptions): PixdropApi {
  const call = (method: ApiMethod, args: unknown[]) => postCall(o, method, args);
  const calls = Object.fromEntries(API_METHODS.map((method) => [method, (...args: unknown[]) => call(method, args)])) as unknown as Calls;
  const stream = createEventStream(o);
  return { ...calls, subscribe: stream.subscribe } satisfies PixdropApi;
}

async function postCall(o: HttpApiOptions, method: ApiMethod, args: unknown[]): Promise<Result<never>> {
  let response: Response;
  try {
    response = await fetch(new URL(`api/${method}`, o.baseUrl), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${o.token}` },
      body: JSON.stringify({ args }),
    });
  } catch {
    return failure('OFFLINE', 'PixDrop is not answering. Is `pixdrop serve` still running? Start it again and reload this page.');
  }
  if (response.status === 401 || response.status === 403) {
    return failure('SESSION', 'This page is not allowed to talk to PixDrop. Open the address printed by `pixdrop serve`.');
  }
  try {
    return (await response.json()) as Result<never>;
  } catch {
    return failure('BAD_RESPONSE', `PixDrop answered ${method} with something unreadable (HTTP ${response.status}).`);
  }
}

function failure(code: 'OFFLINE' | 'SESSION' | 'BAD_RESPONSE', message: string): Result<never> {
  return { ok: false, error: { code, message } };
}

const MAX_BACKOFF_MS = 10_000;

function createEventStream(o: HttpApiOptions): { subscribe(listener: Listener): () => void } {
  const listeners = new Set<Listener>();
  let socket: WebSocket | null = null;
  let attempts = 0;
  let lostNoticeSent = false;

  const emit = (events: EngineEvent[]) => listeners.forEach((listener) => listener(events));
  const connect = () => {
    const url = new URL('events', o.baseUrl);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    // The token rides in the handshake's Sec-WebSocket-Protocol, never in the URL.
    socket = new WebSocket(url, eventStreamProtocols(o.token));
    socket.onopen = () => {
      if (lostNoticeSent) emit([{ type: 'notice', level: 'info', message: 'Connected to PixDrop again.' }, { type: 'albumsChanged' }]);
      attempts = 0;
      lostNoticeSent = false;
    };
    socket.onmessage = (message) => emit(JSON.parse(String(message.data)) as EngineEvent[]);
    socket.onclose = () => {
      socket = null;
      if (listeners.size === 0) return;
      if (!lostNoticeSent && attempts > 0) {
        lostNoticeSent = true;
        emit([{ type: 'notice', level: 'error', message: 'Lost contact with PixDrop. Reconnecting…' }]);
      }
      attempts += 1;
      setTimeout(() => listeners.size > 0 && !socket && connect(), Math.min(MAX_BACKOFF_MS, 250 * 2 ** attempts));
    };
  };

  return {
    subscribe(listener) {
      listeners.add(listener);
      if (!socket) connect();
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0 && socket) socket.close();
      };
    },
  };
}
