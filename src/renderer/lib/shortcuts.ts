/** The window's keyboard shortcuts, in one table: the handlers, the tooltips and the help list read it. */
export const SHORTCUTS = {
  addFolder: 'mod+o',
  pauseAll: 'p',
  resumeAll: 'shift+p',
  retryFailed: 'r',
  selectAll: 'mod+a',
  help: 'shift+?',
} as const;

export type ShortcutName = keyof typeof SHORTCUTS;
