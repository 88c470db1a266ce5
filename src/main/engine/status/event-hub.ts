/** The engine's event stream: every listener hears every event, in order, unthrottled (hosts batch for UIs). */
import type { EngineEvent } from '../../../shared/api';

export interface EventHub {
  emit(event: EngineEvent): void;
  onEvent(listener: (event: EngineEvent) => void): () => void;
  /** Someone listens: status changes are worth computing. */
  listened(): boolean;
}

export function createEventHub(): EventHub {
  const listeners = new Set<(event: EngineEvent) => void>();
  return {
    emit: (event) => listeners.forEach((l) => l(event)),
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    listened: () => listeners.size > 0,
  };
}
