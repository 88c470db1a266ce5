import { describe, expect, it } from 'vitest';
import type { Menu, MenuItem, MenuItemConstructorOptions, Tray } from 'electron';
import { buildTrayMenu, createTrayController, type TrayActions } from '../../../src/main/electron/tray';
import { describeStatus, percent } from '../../../src/main/electron/status-text';
import { createMainTranslator, mainLocale } from '../../../src/main/electron/i18n';
import type { TrayBandwidth } from '../../../src/main/electron/tray-bandwidth';
import { statusWith } from './status';

/** A limit as the engine holds it, and every limit the menu asked for. */
function recordingBandwidth(initial: string | null) {
  let spec = initial;
  const set: (string | null)[] = [];
  const bandwidth: TrayBandwidth = { current: () => spec, set: (next) => (set.push(next), (spec = next)) };
  return { bandwidth, set };
}

const limitMenu = (items: MenuItemConstructorOptions[]) => byId(items, 'bwlimit')?.submenu as MenuItemConstructorOptions[];
const checkedLabels = (items: MenuItemConstructorOptions[]) =>
  limitMenu(items)
    .filter((i) => i.checked)
    .map((i) => i.label);

function recordingActions(withLogin = true) {
  const done: string[] = [];
  const actions: TrayActions = {
    showWindow: () => done.push('show'),
    pauseAll: () => done.push('pause'),
    resumeAll: () => done.push('resume'),
    cancelAll: (count: number) => done.push(`cancel:${count}`),
    quit: () => done.push('quit'),
    ...(withLogin ? { setOpenAtLogin: (on: boolean) => done.push(`login:${on}`) } : {}),
  };
  return { actions, done };
}

const byId = (items: MenuItemConstructorOptions[], id: string) => items.find((i) => i.id === id);
const click = (item: MenuItemConstructorOptions | undefined, checked = false) => item?.click?.({ checked } as MenuItem, undefined, {} as never);

describe('status text', () => {
  it.each([
    [null, 'Starting…'],
    [statusWith({ uploading: 2, queued: 8, done: 10 }, { bytes: [500, 1000] }), 'Uploading · 50 % · 10 photos left'],
    [statusWith({ uploading: 1, failed: 2 }, { bytes: [999, 1000] }), 'Uploading · 99 % · 1 photo left, 2 failed'],
    [statusWith({ queued: 3 }, { paused: true }), 'Paused · 3 photos left'],
    [statusWith({ queued: 3 }, { connection: { state: 'offline', since: 0, nextProbeAt: null } }), 'Offline · 3 photos left, will resume when back online'],
    [statusWith({ queued: 3 }, { connection: { state: 'auth-required', message: 'Token expired.' } }), 'Sign-in needed: open PixDrop to enter a new token'],
    [statusWith({}, { scanning: true }), 'Looking for photos…'],
    [statusWith({ done: 40, skipped: 2 }, { bytes: [1000, 1000] }), 'All photos uploaded'],
    [statusWith({ done: 40, failed: 1 }), '1 photo could not be uploaded'],
    [statusWith({}, { demoMode: true }), 'Demo mode · Ready: drop folders on the window'],
  ])('describes %j as "%s"', (status, text) => {
    expect(describeStatus(status)).toBe(text);
  });

  it('never shows 100 % while photos are left or a scan is running', () => {
    expect(percent(statusWith({ registering: 1 }, { bytes: [1000, 1000] }))).toBe(99);
    expect(percent(statusWith({ done: 1 }, { bytes: [1000, 1000], scanning: true }))).toBe(99);
    expect(percent(statusWith({ done: 1 }, { bytes: [1000, 1000] }))).toBe(100);
    expect(percent(statusWith({}))).toBe(0);
  });
});

describe('tray menu', () => {
  it('shows the status, and offers pause while uploading', () => {
    const { actions, done } = recordingActions();
    const menu = buildTrayMenu(statusWith({ uploading: 1, queued: 4 }, { bytes: [10, 100] }), actions, { openAtLogin: false });
    expect(byId(menu, 'status')).toMatchObject({ label: 'Uploading · 10 % · 5 photos left', enabled: false });
    expect(byId(menu, 'pause')?.enabled).toBe(true);
    expect(byId(menu, 'resume')?.enabled).toBe(false);
    click(byId(menu, 'pause'));
    click(byId(menu, 'show'));
    click(byId(menu, 'quit'));
    expect(done).toEqual(['pause', 'show', 'quit']);
  });

  it('offers resume when paused, and pause no longer', () => {
    const { actions, done } = recordingActions();
    const menu = buildTrayMenu(statusWith({ paused: 5 }, { paused: true }), actions, { openAtLogin: false });
    expect(byId(menu, 'pause')?.enabled).toBe(false);
    expect(byId(menu, 'resume')?.enabled).toBe(true);
    click(byId(menu, 'resume'));
    expect(done).toEqual(['resume']);
  });

  it('shows "Start at login" as a checkbox only where the platform supports it', () => {
    const { actions, done } = recordingActions();
    const login = byId(buildTrayMenu(null, actions, { openAtLogin: true }), 'login');
    expect(login).toMatchObject({ type: 'checkbox', checked: true });
    click(login, false);
    expect(done).toEqual(['login:false']);
    expect(byId(buildTrayMenu(null, recordingActions(false).actions, { openAtLogin: false }), 'login')).toBeUndefined();
  });

  it('offers "Check for updates" where there is an updater, and "Restart to install" once an update is ready', () => {
    const done: string[] = [];
    const { actions } = recordingActions();
    const withUpdates = { ...actions, checkForUpdates: () => done.push('check'), installUpdate: () => done.push('install') };
    expect(byId(buildTrayMenu(null, actions, { openAtLogin: false }), 'updates')).toBeUndefined();
    const menu = buildTrayMenu(null, withUpdates, { openAtLogin: false, updateReady: null });
    expect(byId(menu, 'updates')?.label).toBe('Check for updates');
    expect(byId(menu, 'install-update')).toBeUndefined();
    click(byId(menu, 'updates'));
    const ready = buildTrayMenu(null, withUpdates, { openAtLogin: false, updateReady: '0.2.0' });
    expect(byId(ready, 'install-update')?.label).toBe('Restart to install PixDrop 0.2.0');
    click(byId(ready, 'install-update'));
    expect(done).toEqual(['check', 'install']);
    expect(ready.at(-1)?.id).toBe('quit');
  });

  it('updates tooltip and menu as the status changes, and opens the window on click', () => {
    const { actions, done } = recordingActions();
    const tooltips: string[] = [];
    const menus: MenuItemConstructorOptions[][] = [];
    let onClick: (() => void) | null = null;
    const tray = {
      setToolTip: (t: string) => tooltips.push(t),
      setContextMenu: (m: unknown) => menus.push(m as MenuItemConstructorOptions[]),
      on: (_e: string, l: () => void) => (onClick = l),
      destroy: () => done.push('destroyed'),
    };
    const controller = createTrayController(tray as unknown as Tray, (template) => template as unknown as Menu, actions, { isEnabled: () => false });
    controller.update(statusWith({ done: 3 }, { bytes: [1, 1] }));
    expect(tooltips).toEqual(['PixDrop — Starting…', 'PixDrop — All photos uploaded']);
    expect(byId(menus[1], 'status')?.label).toBe('All photos uploaded');
    onClick!();
    controller.destroy();
    expect(done).toEqual(['show', 'destroyed']);
  });

  it('offers "Cancel all" only when files are left to take out of the queue, and hands over how many', () => {
    const { actions, done } = recordingActions();
    // Queued, uploading, paused and failed files can be cancelled; a registration under way cannot.
    const busy = buildTrayMenu(statusWith({ queued: 2, uploading: 1, paused: 1, failed: 1, registering: 1, done: 4 }), actions, { openAtLogin: false });
    expect(byId(busy, 'cancel-all')).toMatchObject({ label: 'Cancel all', enabled: true });
    click(byId(busy, 'cancel-all'));
    expect(done).toEqual(['cancel:5']);
    expect(byId(buildTrayMenu(statusWith({ done: 4, registering: 1 }), actions, { openAtLogin: false }), 'cancel-all')?.enabled).toBe(false);
    expect(byId(buildTrayMenu(null, actions, { openAtLogin: false }), 'cancel-all')?.enabled).toBe(false);
  });
});

describe('the upload limit in the tray', () => {
  const menuWith = (limit: TrayBandwidth) => buildTrayMenu(null, { ...recordingActions().actions, bandwidth: limit }, { openAtLogin: false });

  it('offers Off and three rates as radio items, with the limit in force checked', () => {
    const off = menuWith(recordingBandwidth(null).bandwidth);
    expect(byId(off, 'bwlimit')?.label).toBe('Upload limit');
    expect(limitMenu(off).map((i) => [i.type, i.label])).toEqual([
      ['radio', 'Off'],
      ['radio', '1 MB/s'],
      ['radio', '5 MB/s'],
      ['radio', '20 MB/s'],
    ]);
    expect(checkedLabels(off)).toEqual(['Off']);
    expect(checkedLabels(menuWith(recordingBandwidth('5MB').bandwidth))).toEqual(['5 MB/s']);
    // The same rate written another way is the same entry; "off" typed in Settings is Off.
    expect(checkedLabels(menuWith(recordingBandwidth('20000000').bandwidth))).toEqual(['20 MB/s']);
    expect(checkedLabels(menuWith(recordingBandwidth('off').bandwidth))).toEqual(['Off']);
  });

  it('hands the picked rate to the engine, and Off as no limit', () => {
    const { bandwidth, set } = recordingBandwidth(null);
    click(
      limitMenu(menuWith(bandwidth)).find((i) => i.label === '5 MB/s'),
      true,
    );
    expect(set).toEqual(['5MB']);
    click(
      limitMenu(menuWith(bandwidth)).find((i) => i.label === 'Off'),
      true,
    );
    expect(set).toEqual(['5MB', null]);
  });

  it('does not send the limit again when the checked entry is picked', () => {
    const { bandwidth, set } = recordingBandwidth('1MB');
    click(
      limitMenu(menuWith(bandwidth)).find((i) => i.label === '1 MB/s'),
      true,
    );
    expect(set).toEqual([]);
  });

  it('shows a timetable from Settings as such, checked, and keeps it until another entry is picked', () => {
    const { bandwidth, set } = recordingBandwidth('08:00,1M 19:00,off');
    const menu = limitMenu(menuWith(bandwidth));
    expect(menu.at(-1)).toMatchObject({ type: 'radio', label: 'Timetable (Settings)', checked: true });
    expect(menu.filter((i) => i.checked)).toHaveLength(1);
    click(menu.at(-1), true);
    expect(set).toEqual([]);
    click(
      menu.find((i) => i.label === '20 MB/s'),
      true,
    );
    expect(set).toEqual(['20MB']);
    expect(byId(limitMenu(menuWith(bandwidth)), 'bwlimit-settings')).toBeUndefined();
  });

  it('shows another rate set in Settings by its own words', () => {
    expect(checkedLabels(menuWith(recordingBandwidth('2M').bandwidth))).toEqual(['2M (Settings)']);
  });

  it('has no submenu where the host offers no limit', () => {
    expect(byId(buildTrayMenu(null, recordingActions().actions, { openAtLogin: false }), 'bwlimit')).toBeUndefined();
  });
});

describe('the tray in German', () => {
  const de = createMainTranslator('de');

  it.each([
    [null, 'Startet…'],
    [statusWith({ uploading: 2, queued: 8, done: 10 }, { bytes: [500, 1000] }), 'Lädt hoch · 50 % · 10 Fotos übrig'],
    [statusWith({ uploading: 1, failed: 2 }, { bytes: [999, 1000] }), 'Lädt hoch · 99 % · 1 Foto übrig, 2 fehlgeschlagen'],
    [statusWith({ queued: 3 }, { paused: true }), 'Angehalten · 3 Fotos übrig'],
    [statusWith({ done: 40, failed: 1 }), '1 Foto konnte nicht hochgeladen werden'],
    [statusWith({}, { demoMode: true }), 'Demomodus · Bereit: Ordner auf das Fenster ziehen'],
  ])('describes %j as "%s"', (status, text) => {
    expect(describeStatus(status, de)).toBe(text);
  });

  it('labels every menu entry in German', () => {
    const { actions } = recordingActions();
    const withUpdates = { ...actions, checkForUpdates: () => {}, installUpdate: () => {} };
    const menu = buildTrayMenu(statusWith({ queued: 1 }), withUpdates, { openAtLogin: false, updateReady: '0.2.0', tr: de });
    const labels = menu.filter((item) => item.type !== 'separator').map((item) => item.label);
    expect(labels).toEqual([
      'Lädt hoch · 0 % · 1 Foto übrig',
      'PixDrop zeigen',
      'Alle anhalten',
      'Alle fortsetzen',
      'Alle abbrechen',
      'Bei der Anmeldung starten',
      'Nach Updates suchen',
      'Neu starten und PixDrop 0.2.0 installieren',
      'PixDrop beenden',
    ]);
  });

  it('labels the upload limit in German', () => {
    const menu = buildTrayMenu(
      null,
      { ...recordingActions().actions, bandwidth: recordingBandwidth('08:00,1M 19:00,off').bandwidth },
      { openAtLogin: false, tr: de },
    );
    expect(byId(menu, 'bwlimit')?.label).toBe('Upload-Limit');
    expect(limitMenu(menu).map((i) => i.label)).toEqual(['Aus', '1 MB/s', '5 MB/s', '20 MB/s', 'Zeitplan (Einstellungen)']);
    const other = buildTrayMenu(null, { ...recordingActions().actions, bandwidth: recordingBandwidth('2M').bandwidth }, { openAtLogin: false, tr: de });
    expect(checkedLabels(other)).toEqual(['2M (Einstellungen)']);
  });

  it('switches language when Settings choose another one, tooltip included', () => {
    const { actions } = recordingActions();
    const tooltips: string[] = [];
    const menus: MenuItemConstructorOptions[][] = [];
    const tray = {
      setToolTip: (t: string) => tooltips.push(t),
      setContextMenu: (m: unknown) => menus.push(m as MenuItemConstructorOptions[]),
      on: () => {},
      destroy: () => {},
    };
    const controller = createTrayController(
      tray as unknown as Tray,
      (template) => template as unknown as Menu,
      actions,
      { isEnabled: () => false },
      undefined,
      de,
    );
    expect(tooltips.at(-1)).toBe('PixDrop — Startet…');
    controller.setTranslator(createMainTranslator('en'));
    expect(tooltips.at(-1)).toBe('PixDrop — Starting…');
    expect(byId(menus.at(-1)!, 'quit')?.label).toBe('Quit PixDrop');
  });

  it("speaks Settings' choice, else the first OS language PixDrop has, else English", () => {
    expect(mainLocale(null, ['de-AT', 'en-US'])).toBe('de');
    expect(mainLocale('en', ['de-DE'])).toBe('en');
    expect(mainLocale(null, ['fr-FR', 'de-CH'])).toBe('de');
    expect(mainLocale(null, ['fr-FR'])).toBe('en');
    expect(mainLocale('xx', ['de'])).toBe('de');
  });
});
