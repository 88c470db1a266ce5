/**
 * Selecting many photos as file managers do: a click toggles one, Shift-click selects the range
 * from the last one clicked, Ctrl/Cmd-click adds or removes one.
 */
import { useCallback, useRef, useState } from 'react';

export interface Selection {
  selected: ReadonlySet<string>;
  toggle(id: string, index: number, range: boolean): void;
  selectAll(): void;
  clear(): void;
}

export function useSelection(ids: readonly string[]): Selection {
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const anchor = useRef<number | null>(null);
  const toggle = useCallback(
    (id: string, index: number, range: boolean) => {
      // Read now: the state updater runs later, after the anchor has moved to this click.
      const from = anchor.current;
      setSelected((current) => {
        const next = new Set(current);
        if (range && from !== null) {
          const [start, end] = [Math.min(from, index), Math.max(from, index)];
          for (const other of ids.slice(start, end + 1)) next.add(other);
        } else if (next.has(id)) next.delete(id);
        else next.add(id);
        return next;
      });
      anchor.current = index;
    },
    [ids],
  );
  const selectAll = useCallback(() => setSelected(new Set(ids)), [ids]);
  const clear = useCallback(() => setSelected(new Set()), []);
  return { selected, toggle, selectAll, clear };
}
