/**
 * Arrow-key navigation over a grid or list with one tab stop (roving tabindex): the arrows,
 * Home/End and PageUp/PageDown move the focus, Enter opens, Space selects, Shift with an arrow
 * extends the selection, Ctrl/Cmd with an arrow moves without selecting. Works with virtualized
 * lists: the item to focus is scrolled into existence first, then focused once it is rendered.
 */
import { useCallback, useEffect, useRef, useState, type KeyboardEvent, type RefObject } from 'react';
import { gridMove } from '../lib/gridMove';

export type SelectHow = 'toggle' | 'range';

export interface RovingOptions {
  count: number;
  columns: number;
  /** Items in one screenful, for PageUp/PageDown. */
  pageItems?: number;
  container: RefObject<HTMLElement | null>;
  scrollTo?(index: number): void;
  onOpen(index: number): void;
  onSelect?(index: number, how: SelectHow): void;
}

export interface Roving {
  active: number;
  tabIndexFor(index: number): 0 | -1;
  /** Give to the container: keys go to the item that has the focus. */
  onKeyDown(event: KeyboardEvent): void;
  onKeyUp(event: KeyboardEvent): void;
  /** Give to each item: a click or Tab into it makes it the active one. */
  onItemFocus(index: number): void;
}

export function useRovingFocus(o: RovingOptions): Roving {
  const [active, setActive] = useState(0);
  const focusWanted = useRef<number | null>(null);
  const current = Math.min(active, Math.max(0, o.count - 1));

  useEffect(() => {
    const wanted = focusWanted.current;
    if (wanted === null) return;
    let tries = 0;
    let frame = 0;
    // A virtualized list renders the row a frame or two after it was scrolled to.
    const attempt = () => {
      const element = o.container.current?.querySelector<HTMLElement>(`[data-index="${wanted}"]`);
      if (element) {
        element.focus({ preventScroll: false });
        focusWanted.current = null;
      } else if (tries++ < 10) frame = requestAnimationFrame(attempt);
    };
    attempt();
    return () => cancelAnimationFrame(frame);
  });

  const moveTo = useCallback(
    (index: number) => {
      focusWanted.current = index;
      o.scrollTo?.(index);
      setActive(index);
    },
    [o],
  );

  const onKeyDown = (event: KeyboardEvent) => {
    const target = event.target as HTMLElement;
    const onItem = target.dataset.index !== undefined;
    if (!onItem) return;
    const index = Number(target.dataset.index);
    const next = gridMove(event.key, index, o.count, o.columns, o.pageItems ?? o.columns * 4);
    if (next !== null) {
      event.preventDefault();
      moveTo(next);
      if (event.shiftKey && o.onSelect) o.onSelect(next, 'range');
      return;
    }
    if (event.key === ' ' && o.onSelect) {
      event.preventDefault();
      o.onSelect(index, event.shiftKey ? 'range' : 'toggle');
    } else if (event.key === 'Enter') {
      event.preventDefault();
      o.onOpen(index);
    }
  };
  // A button would click on Space's keyup: Space selects here, it does not open.
  const onKeyUp = (event: KeyboardEvent) => {
    if (event.key === ' ' && o.onSelect && (event.target as HTMLElement).dataset.index !== undefined) event.preventDefault();
  };

  return {
    active: current,
    tabIndexFor: (index) => (index === current ? 0 : -1),
    onKeyDown,
    onKeyUp,
    onItemFocus: setActive,
  };
}
