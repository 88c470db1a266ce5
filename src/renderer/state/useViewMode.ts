/** Grid or list, per screen, remembered on this computer (localStorage) across restarts. */
import { useCallback, useState } from 'react';

export type ViewMode = 'grid' | 'list';
export type ViewScreen = 'queue' | 'album';

const key = (screen: ViewScreen) => `pixdrop.view.${screen}`;

function stored(screen: ViewScreen): ViewMode {
  try {
    return localStorage.getItem(key(screen)) === 'list' ? 'list' : 'grid';
  } catch {
    return 'grid';
  }
}

export function useViewMode(screen: ViewScreen): [ViewMode, (mode: ViewMode) => void] {
  const [mode, setMode] = useState<ViewMode>(() => stored(screen));
  const choose = useCallback(
    (next: ViewMode) => {
      setMode(next);
      try {
        localStorage.setItem(key(screen), next);
      } catch {
        // Storage refused (private window): the choice lasts until the window closes.
      }
    },
    [screen],
  );
  return [mode, choose];
}
