/** One shared album list for every screen (albums, target picker, watched folders). */
import { createContext, useContext, type ReactNode } from 'react';
import { useAlbums, type AlbumsState } from './useAlbums';

const AlbumsContext = createContext<AlbumsState | null>(null);

export function AlbumsProvider(props: { children: ReactNode }) {
  const state = useAlbums();
  return <AlbumsContext.Provider value={state}>{props.children}</AlbumsContext.Provider>;
}

export function useAlbumList(): AlbumsState {
  const value = useContext(AlbumsContext);
  if (!value) throw new Error('useAlbumList outside AlbumsProvider');
  return value;
}
