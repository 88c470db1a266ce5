/**
 * Path completion for a typed folder path: the sub-folders of the part before the last slash
 * whose names start with what follows it, asked of the engine (listDirectory) as the user types.
 */
import { useEffect, useState } from 'react';
import { useApi } from '../../state/HostContext';

export function splitTypedPath(typed: string): { dir: string; prefix: string } | null {
  const slash = Math.max(typed.lastIndexOf('/'), typed.lastIndexOf('\\'));
  if (slash < 0) return null;
  return { dir: typed.slice(0, slash + 1), prefix: typed.slice(slash + 1).toLowerCase() };
}

export function useFolderCompletion(typed: string): string[] {
  const api = useApi();
  const [options, setOptions] = useState<string[]>([]);
  const parts = splitTypedPath(typed);
  const dir = parts?.dir ?? null;
  const prefix = parts?.prefix ?? '';
  useEffect(() => {
    if (!dir) return setOptions([]);
    let live = true;
    const timer = setTimeout(() => {
      void api.listDirectory(dir).then((result) => {
        if (!live) return;
        setOptions(
          result.ok
            ? result.value.folders
                .filter((f) => f.name.toLowerCase().startsWith(prefix))
                .slice(0, 50)
                .map((f) => f.path)
            : [],
        );
      });
    }, 150);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [api, dir, prefix]);
  return options;
}
