/**
 * Pure: where the keyboard focus goes in a grid or list of `count` items laid out `columns` to a
 * row, for one key. null when the key does not move (so it keeps its usual meaning).
 */
export function gridMove(key: string, index: number, count: number, columns: number, pageItems: number): number | null {
  if (count === 0) return null;
  const last = count - 1;
  const clamp = (i: number) => Math.max(0, Math.min(last, i));
  switch (key) {
    case 'ArrowRight':
      return columns > 1 ? clamp(index + 1) : null;
    case 'ArrowLeft':
      return columns > 1 ? clamp(index - 1) : null;
    case 'ArrowDown':
      return clamp(index + columns);
    case 'ArrowUp':
      return clamp(index - columns);
    case 'Home':
      return 0;
    case 'End':
      return last;
    case 'PageDown':
      return clamp(index + Math.max(columns, pageItems));
    case 'PageUp':
      return clamp(index - Math.max(columns, pageItems));
    default:
      return null;
  }
}
