/** The backend's albums, reloaded whenever the engine says they changed. */
import { useCallback, useEffect, useState } from 'react';
import type { AlbumView } from '../../shared/api';
import type { ErrorView } from '../../shared/errors';
import { useApi } from './HostContext';
import { useEngineEvents } from './useEngineEvents';

export interface AlbumsState {
  albums: AlbumView[] | null;
  error: ErrorView | null;
  reload(): void;
}

export function useAlbums(): AlbumsState {
  const api = useApi();
  const [albums, setAlbums] = useState<AlbumView[] | null>(null);
  const [error, setError] = useState<ErrorView | null>(null);
  const reload = useCallback(() => {
    void api.listAlbums().then((result) => {
      if (result.ok) {
        setAlbums(result.value);
        setError(null);
      } else setError(result.error);
    });
  }, [api]);
  useEffect(reload, [reload]);
  useEngineEvents((events) => {
    if (events.some((event) => event.type === 'albumsChanged')) reload();
  });
  return { albums, error, reload };
}
