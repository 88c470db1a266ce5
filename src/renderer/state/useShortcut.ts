/**
 * Window-wide keyboard shortcuts. A shortcut is ignored while the person types in a field or a
 * dialog is open (the dialog's own keys win), so a letter never fires by accident.
 */
import { useEffect, useRef } from 'react';
import { matchesShortcut } from '../lib/shortcuts';

export function isMac(): boolean {
  return typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
}

function typingOrInDialog(target: EventTarget | null): boolean {
  if (document.querySelector('dialog[open]')) return true;
  const element = target as HTMLElement | null;
  if (!element?.closest) return false;
  return element.closest('input, textarea, select, [contenteditable="true"]') !== null;
}

export function useShortcut(shortcut: string, handler: () => void, enabled = true): void {
  const latest = useRef(handler);
  latest.current = handler;
  useEffect(() => {
    if (!enabled) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || !matchesShortcut(event, shortcut, isMac()) || typingOrInDialog(event.target)) return;
      event.preventDefault();
      latest.current();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [shortcut, enabled]);
}
