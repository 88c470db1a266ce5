/**
 * The backend's albums, reloaded whenever the engine says they changed (an album created, by hand
 * or by "One album per folder"; a photo registered, so its count and cover moved). Reloads are
 * throttled: a folder of thousands of photos costs one listAlbums per second, not one per photo.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { AlbumView } from '../../shared/api';
import type { ErrorView } from '../../shared/errors';
import { useApi } from './HostContext';
import { useEngineEvents } from './useEngineEvents';

const RELOAD_THROTTLE_MS = 1000;

export interface AlbumsState {
  albums: AlbumView[] | null;
  error: ErrorView | null;
  reload(): void;
}

export function useAlbums(): AlbumsState {
  const api = useApi();
  const [albums, setAlbums] = useState<AlbumView[] | null>(null);
  const [error, setError] = useState<ErrorView | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const lastAt = useRef(0);
  const reload = useCallback(() => {
    lastAt.current = Date.now();
    void api.listAlbums().then((result) => {
      if (result.ok) {
        setAlbums(result.value);
        setError(null);
      } else setError(result.error);
    });
  }, [api]);
  const scheduleReload = useCallback(() => {
    if (timer.current) return;
    const wait = Math.max(0, lastAt.current + RELOAD_THROTTLE_MS - Date.now());
    timer.current = setTimeout(() => {
      timer.current = null;
      reload();
    }, wait);
  }, [reload]);
  useEffect(() => {
    reload();
    return () => {
      if (timer.current) clearTimeout(timer.current);
      timer.current = null;
    };
  }, [reload]);
  useEngineEvents((events) => {
    if (events.some((event) => event.type === 'albumsChanged')) scheduleReload();
  });
  return { albums, error, reload };
}
