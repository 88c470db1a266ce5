/**
 * The tray icon: status at a glance and the few actions that make sense without the window
 * (show, pause/resume everything, start at login, updates, quit). The menu is built by a pure function.
 */
import type { Menu, MenuItemConstructorOptions, Tray } from 'electron';
import type { EngineStatus } from '../../shared/api';
import { describeStatus, remainingJobs } from './status-text';

export interface TrayActions {
  showWindow(): void;
  pauseAll(): void;
  resumeAll(): void;
  quit(): void;
  /** Absent where the platform cannot start the app at login. */
  setOpenAtLogin?(enabled: boolean): void;
  /** Absent where the app has no updater. */
  checkForUpdates?(): void;
  /** Quit cleanly and install the downloaded update. */
  installUpdate?(): void;
}

export function buildTrayMenu(
  status: EngineStatus | null,
  actions: TrayActions,
  o: { openAtLogin: boolean; updateReady?: string | null },
): MenuItemConstructorOptions[] {
  const active = status ? remainingJobs(status) - status.queue.byStatus.paused : 0;
  const paused = status ? status.paused || status.queue.byStatus.paused > 0 : false;
  const items: MenuItemConstructorOptions[] = [
    { id: 'status', label: describeStatus(status), enabled: false },
    { type: 'separator' },
    { id: 'show', label: 'Show PixDrop', click: () => actions.showWindow() },
    { id: 'pause', label: 'Pause all', enabled: active > 0 && !status?.paused, click: () => actions.pauseAll() },
    { id: 'resume', label: 'Resume all', enabled: paused, click: () => actions.resumeAll() },
  ];
  const setOpenAtLogin = actions.setOpenAtLogin;
  if (setOpenAtLogin) {
    items.push(
      { type: 'separator' },
      { id: 'login', label: 'Start at login', type: 'checkbox', checked: o.openAtLogin, click: (item) => setOpenAtLogin(item.checked) },
    );
  }
  items.push(...updateItems(actions, o.updateReady ?? null));
  items.push({ type: 'separator' }, { id: 'quit', label: 'Quit PixDrop', click: () => actions.quit() });
  return items;
}

function updateItems(actions: TrayActions, ready: string | null): MenuItemConstructorOptions[] {
  const { checkForUpdates, installUpdate } = actions;
  if (!checkForUpdates) return [];
  const items: MenuItemConstructorOptions[] = [{ type: 'separator' }, { id: 'updates', label: 'Check for updates', click: () => checkForUpdates() }];
  if (ready && installUpdate) items.push({ id: 'install-update', label: `Restart to install PixDrop ${ready}`, click: () => installUpdate() });
  return items;
}

export interface TrayController {
  update(status: EngineStatus | null): void;
  /** Redraws the menu (an update became ready). */
  refresh(): void;
  destroy(): void;
}

export function createTrayController(
  tray: Pick<Tray, 'setToolTip' | 'setContextMenu' | 'on' | 'destroy'>,
  buildMenu: (template: MenuItemConstructorOptions[]) => Menu,
  actions: TrayActions,
  loginItem: { isEnabled(): boolean },
  updates?: { readyVersion(): string | null },
): TrayController {
  let last: EngineStatus | null = null;
  const render = () => {
    tray.setToolTip(`PixDrop — ${describeStatus(last)}`);
    tray.setContextMenu(buildMenu(buildTrayMenu(last, actions, { openAtLogin: loginItem.isEnabled(), updateReady: updates?.readyVersion() ?? null })));
  };
  // Left click (Windows, most Linux trays) opens the window; the menu is on right click.
  tray.on('click', () => actions.showWindow());
  render();
  return {
    update(status) {
      last = status;
      render();
    },
    refresh: render,
    destroy: () => tray.destroy(),
  };
}
