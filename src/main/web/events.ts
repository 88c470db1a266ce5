/**
 * GET /events: one WebSocket per open page, each with its own batcher so a slow tab never
 * receives more than about four messages a second, however many files change.
 */
import type { FastifyInstance } from 'fastify';
import type { EngineEvent } from '../../shared/api';
import { createEventBatcher } from '../api';
import type { Engine, Logger } from '../engine/types';

const FLUSH_INTERVAL_MS = 250;
const OPEN = 1;

/** The part of a ws socket this stream uses. */
interface EventSocket {
  readonly readyState: number;
  send(data: string, callback?: (error?: Error) => void): void;
  on(event: 'close', listener: () => void): void;
}

export function attachEventStream(app: FastifyInstance, engine: Engine, logger: Logger): { close(): void } {
  const closers = new Set<() => void>();
  app.get('/events', { websocket: true }, (socket: EventSocket) => {
    const close = streamTo(socket, engine, logger);
    closers.add(close);
    socket.on('close', () => {
      close();
      closers.delete(close);
    });
  });
  return {
    close: () => {
      for (const close of closers) close();
      closers.clear();
    },
  };
}

function streamTo(socket: EventSocket, engine: Engine, logger: Logger): () => void {
  const batcher = createEventBatcher(
    (events: EngineEvent[]) => {
      if (socket.readyState !== OPEN || events.length === 0) return;
      socket.send(JSON.stringify(events), (error) => {
        if (error) logger.debug('event stream send failed', { message: error.message });
      });
    },
    { intervalMs: FLUSH_INTERVAL_MS },
  );
  const unsubscribe = engine.onEvent((event) => batcher.push(event));
  return () => {
    unsubscribe();
    batcher.close();
  };
}
