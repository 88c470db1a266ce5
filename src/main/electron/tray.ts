/**
 * The tray icon: status at a glance and the few actions that make sense without the window
 * (show, pause/resume/cancel everything, the upload limit, start at login, updates, quit), in the chosen language.
 * The menu is built by a pure function.
 */
import type { Menu, MenuItemConstructorOptions, Tray } from 'electron';
import type { EngineStatus } from '../../shared/api';
import { cancellableCount } from '../../shared/job';
import { englishMain, type MainTranslator } from './i18n';
import { describeStatus, remainingJobs } from './status-text';
import { bandwidthMenu, type TrayBandwidth } from './tray-bandwidth';

export interface TrayActions {
  showWindow(): void;
  pauseAll(): void;
  resumeAll(): void;
  /** Takes every file still to upload out of the queue (after asking: the host confirms with the count). */
  cancelAll(count: number): void;
  quit(): void;
  /** The upload limit, read and changed live (absent: no "Upload limit" submenu). */
  bandwidth?: TrayBandwidth;
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
  o: { openAtLogin: boolean; updateReady?: string | null; tr?: MainTranslator },
): MenuItemConstructorOptions[] {
  const tr = o.tr ?? englishMain;
  const active = status ? remainingJobs(status) - status.queue.byStatus.paused : 0;
  const paused = status ? status.paused || status.queue.byStatus.paused > 0 : false;
  const cancellable = status ? cancellableCount(status.queue.byStatus) : 0;
  const items: MenuItemConstructorOptions[] = [
    { id: 'status', label: describeStatus(status, tr), enabled: false },
    { type: 'separator' },
    { id: 'show', label: tr.t('tray.show'), click: () => actions.showWindow() },
    { id: 'pause', label: tr.t('tray.pauseAll'), enabled: active > 0 && !status?.paused, click: () => actions.pauseAll() },
    { id: 'resume', label: tr.t('tray.resumeAll'), enabled: paused, click: () => actions.resumeAll() },
    { id: 'cancel-all', label: tr.t('tray.cancelAll'), enabled: cancellable > 0, click: () => actions.cancelAll(cancellable) },
  ];
  if (actions.bandwidth) items.push({ type: 'separator' }, bandwidthMenu(actions.bandwidth, tr));
  const setOpenAtLogin = actions.setOpenAtLogin;
  if (setOpenAtLogin) {
    items.push(
      { type: 'separator' },
      { id: 'login', label: tr.t('tray.login'), type: 'checkbox', checked: o.openAtLogin, click: (item) => setOpenAtLogin(item.checked) },
    );
  }
  items.push(...updateItems(actions, o.updateReady ?? null, tr));
  items.push({ type: 'separator' }, { id: 'quit', label: tr.t('tray.quit'), click: () => actions.quit() });
  return items;
}

function updateItems(actions: TrayActions, ready: string | null, tr: MainTranslator): MenuItemConstructorOptions[] {
  const { checkForUpdates, installUpdate } = actions;
  if (!checkForUpdates) return [];
  const items: MenuItemConstructorOptions[] = [{ type: 'separator' }, { id: 'updates', label: tr.t('tray.checkUpdates'), click: () => checkForUpdates() }];
  if (ready && installUpdate) items.push({ id: 'install-update', label: tr.t('tray.installUpdate', { version: ready }), click: () => installUpdate() });
  return items;
}

export interface TrayController {
  update(status: EngineStatus | null): void;
  /** Redraws the menu (an update became ready). */
  refresh(): void;
  /** Speaks another language from now on (chosen in Settings). */
  setTranslator(tr: MainTranslator): void;
  destroy(): void;
}

export function createTrayController(
  tray: Pick<Tray, 'setToolTip' | 'setContextMenu' | 'on' | 'destroy'>,
  buildMenu: (template: MenuItemConstructorOptions[]) => Menu,
  actions: TrayActions,
  loginItem: { isEnabled(): boolean },
  updates?: { readyVersion(): string | null },
  initial: MainTranslator = englishMain,
): TrayController {
  let last: EngineStatus | null = null;
  let tr = initial;
  const render = () => {
    tray.setToolTip(`PixDrop — ${describeStatus(last, tr)}`);
    tray.setContextMenu(buildMenu(buildTrayMenu(last, actions, { openAtLogin: loginItem.isEnabled(), updateReady: updates?.readyVersion() ?? null, tr })));
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
    setTranslator(next) {
      tr = next;
      render();
    },
    destroy: () => tray.destroy(),
  };
}
