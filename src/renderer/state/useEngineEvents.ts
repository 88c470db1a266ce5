/** Subscribes a component to the (already batched) engine event stream for as long as it is mounted. */
import { useEffect, useRef } from 'react';
import type { EngineEvent } from '../../shared/api';
import { useApi } from './HostContext';

export function useEngineEvents(listener: (events: EngineEvent[]) => void): void {
  const api = useApi();
  const latest = useRef(listener);
  latest.current = listener;
  useEffect(() => api.subscribe((events) => latest.current(events)), [api]);
}
