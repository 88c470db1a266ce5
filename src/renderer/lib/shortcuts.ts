/** The window's keyboard shortcuts, in one table (the handlers, the tooltips and the help list read it), and how to match and write them. Pure. */

/** `mod` is Ctrl, or ⌘ on a Mac. Examples: 'mod+o', 'p', 'shift+p'. */
export type Shortcut = string;

export interface KeyState {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

export const SHORTCUTS = {
  addFolder: 'mod+o',
  pauseAll: 'p',
  resumeAll: 'shift+p',
  retryFailed: 'r',
  selectAll: 'mod+a',
  help: 'shift+?',
} as const;

export type ShortcutName = keyof typeof SHORTCUTS;

/** Pure: whether a key event is this shortcut. */
export function matchesShortcut(event: KeyState, shortcut: Shortcut, mac: boolean): boolean {
  const parts = shortcut.toLowerCase().split('+');
  const key = parts.pop()!;
  const mod = parts.includes('mod');
  const shift = parts.includes('shift');
  const modPressed = mac ? event.metaKey : event.ctrlKey;
  const otherMod = mac ? event.ctrlKey : event.metaKey;
  // Shift is part of a letter shortcut (P vs Shift+P); for a symbol it depends on the keyboard layout (? is Shift+/ or Shift+ß).
  const shiftMatches = /^[a-z]$/.test(key) ? event.shiftKey === shift : true;
  return event.key.toLowerCase() === key && modPressed === mod && !otherMod && shiftMatches && !event.altKey;
}

/** How a shortcut is written for people: "Ctrl+O" / "⌘O", "P", "Shift+P" (key names in the window's language). */
export function shortcutLabel(shortcut: Shortcut, keyNames: { ctrl: string; shift: string }, mac: boolean): string {
  const parts = shortcut.split('+');
  const key = parts.pop()!.toUpperCase();
  const names = parts
    .filter((part) => !(part === 'shift' && key === '?'))
    .map((part) => (part === 'mod' ? (mac ? '⌘' : keyNames.ctrl) : part === 'shift' ? (mac ? '⇧' : keyNames.shift) : part));
  return mac ? [...names, key].join('') : [...names, key].join('+');
}

/** For aria-keyshortcuts: "Control+O", "P". */
export function ariaShortcut(shortcut: Shortcut, mac: boolean): string {
  return shortcut
    .split('+')
    .map((part) => (part === 'mod' ? (mac ? 'Meta' : 'Control') : part === 'shift' ? 'Shift' : part.toUpperCase()))
    .join('+');
}
