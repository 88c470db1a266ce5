/**
 * Window-wide keyboard shortcuts. A shortcut is ignored while the person types in a field or a
 * dialog is open (the dialog's own keys win), so a letter never fires by accident.
 */
import { useEffect, useRef } from 'react';

/** `mod` is Ctrl, or ⌘ on a Mac. Examples: 'mod+o', 'p', 'shift+r'. */
export type Shortcut = string;

export function isMac(): boolean {
  return typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
}

/** Pure: whether a key event is this shortcut. */
export function matchesShortcut(event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>, shortcut: Shortcut, mac = isMac()): boolean {
  const parts = shortcut.toLowerCase().split('+');
  const key = parts.pop()!;
  const mod = parts.includes('mod');
  const shift = parts.includes('shift');
  const modPressed = mac ? event.metaKey : event.ctrlKey;
  const otherMod = mac ? event.ctrlKey : event.metaKey;
  return event.key.toLowerCase() === key && modPressed === mod && !otherMod && event.shiftKey === shift && !event.altKey;
}

/** How a shortcut is written for people: "Ctrl+O" / "⌘O", "P", "Shift+P" (key names in the window's language). */
export function shortcutLabel(shortcut: Shortcut, keyNames: { ctrl: string; shift: string }, mac = isMac()): string {
  const parts = shortcut.split('+');
  const key = parts.pop()!.toUpperCase();
  const names = parts
    .filter((part) => !(part === 'shift' && key === '?'))
    .map((part) => (part === 'mod' ? (mac ? '⌘' : keyNames.ctrl) : part === 'shift' ? (mac ? '⇧' : keyNames.shift) : part));
  return mac ? [...names, key].join('') : [...names, key].join('+');
}

/** For aria-keyshortcuts: "Control+O", "P". */
export function ariaShortcut(shortcut: Shortcut, mac = isMac()): string {
  return shortcut
    .split('+')
    .map((part) => (part === 'mod' ? (mac ? 'Meta' : 'Control') : part === 'shift' ? 'Shift' : part.toUpperCase()))
    .join('+');
}

function typingOrInDialog(target: EventTarget | null): boolean {
  if (document.querySelector('dialog[open]')) return true;
  const element = target as HTMLElement | null;
  if (!element?.closest) return false;
  return element.closest('input, textarea, select, [contenteditable="true"]') !== null;
}

export function useShortcut(shortcut: Shortcut, handler: () => void, enabled = true): void {
  const latest = useRef(handler);
  latest.current = handler;
  useEffect(() => {
    if (!enabled) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || !matchesShortcut(event, shortcut) || typingOrInDialog(event.target)) return;
      event.preventDefault();
      latest.current();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [shortcut, enabled]);
}
