/** A shortcut as the window's language writes it ("Strg+O" in German), and a tooltip naming it. */
import { ariaShortcut, shortcutLabel, SHORTCUTS, type ShortcutName } from '../lib/shortcuts';
import { isMac } from '../state/useShortcut';
import { useT } from './I18nProvider';

export function useShortcutText() {
  const t = useT();
  const keyNames = { ctrl: t('keys.ctrl'), shift: t('keys.shift') };
  const keys = (name: ShortcutName) => shortcutLabel(SHORTCUTS[name], keyNames, isMac());
  return {
    keys,
    /** title + aria-keyshortcuts for a control that has a shortcut. */
    props: (name: ShortcutName, label: string) => ({
      title: t('keys.tooltip', { action: label, keys: keys(name) }),
      'aria-keyshortcuts': ariaShortcut(SHORTCUTS[name], isMac()),
    }),
  };
}
