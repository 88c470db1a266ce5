/** How many tiles fit across an element (at least --tile-min wide each), followed as it is resized. */
import { useEffect, useState, type RefObject } from 'react';

/** As --tile-min in tokens.css. */
const TILE_MIN = 200;
const GAP = 8;
const PADDING = 16;

export function gridColumns(width: number): { columns: number; tileWidth: number } {
  const inner = Math.max(0, width - PADDING);
  const columns = Math.max(1, Math.floor((inner + GAP) / (TILE_MIN + GAP)));
  return { columns, tileWidth: (inner - GAP * (columns - 1)) / columns };
}

export function useGridColumns(element: RefObject<HTMLElement | null>, active: boolean, shown = true) {
  const [width, setWidth] = useState(0);
  useEffect(() => {
    const target = element.current;
    if (!active || !target) return;
    setWidth(target.clientWidth);
    const observer = new ResizeObserver(() => setWidth(target.clientWidth));
    observer.observe(target);
    return () => observer.disconnect();
  }, [element, active, shown]);
  return gridColumns(width || 1200);
}

/** The columns a CSS grid (auto-fill) has laid out right now, followed as it is resized. */
export function useCssGridColumns(element: RefObject<HTMLElement | null>, active: boolean, shown = true): number {
  const [columns, setColumns] = useState(1);
  useEffect(() => {
    const target = element.current;
    if (!active || !target) return;
    const read = () => setColumns(Math.max(1, getComputedStyle(target).gridTemplateColumns.split(' ').filter(Boolean).length));
    read();
    const observer = new ResizeObserver(read);
    observer.observe(target);
    return () => observer.disconnect();
  }, [element, active, shown]);
  return active ? columns : 1;
}
