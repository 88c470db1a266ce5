/**
 * The tray icon: status at a glance and the few actions that make sense without the window
 * (show, pause/resume everything, start at login, quit). The menu is built by a pure function.
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
}

export function buildTrayMenu(status: EngineStatus | null, actions: TrayActions, o: { openAtLogin: boolean }): MenuItemConstructorOptions[] {
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
  items.push({ type: 'separator' }, { id: 'quit', label: 'Quit PixDrop', click: () => actions.quit() });
  return items;
}

export interface TrayController {
  update(status: EngineStatus | null): void;
  destroy(): void;
}

export function createTrayController(
  tray: Pick<Tray, 'setToolTip' | 'setContextMenu' | 'on' | 'destroy'>,
  buildMenu: (template: MenuItemConstructorOptions[]) => Menu,
  actions: TrayActions,
  loginItem: { isEnabled(): boolean },
): TrayController {
  let last: EngineStatus | null = null;
  const render = () => {
    tray.setToolTip(`PixDrop — ${describeStatus(last)}`);
    tray.setContextMenu(buildMenu(buildTrayMenu(last, actions, { openAtLogin: loginItem.isEnabled() })));
  };
  // Left click (Windows, most Linux trays) opens the window; the menu is on right click.
  tray.on('click', () => actions.showWindow());
  render();
  return {
    update(status) {
      last = status;
      render();
    },
    destroy: () => tray.destroy(),
  };
}
