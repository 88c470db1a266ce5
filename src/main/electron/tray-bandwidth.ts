/**
 * The tray's "Upload limit" submenu: Off and a few rates, radio-checked by the limit in force. A limit set
 * elsewhere (a timetable or another rate from Settings or `pixdrop bwlimit`) shows as its own checked entry,
 * kept until the user picks another one. Applied through the engine's settings call, as Settings does, so
 * transfers under way follow it without restarting.
 */
import type { MenuItemConstructorOptions } from 'electron';
import { parseBandwidth } from '../../shared/bandwidth';
import type { MainTranslator } from './i18n';

export interface TrayBandwidth {
  /** The limit in force as written (`2M`, `08:00,1M 19:00,off`); null = none. */
  current(): string | null;
  /** null = no limit. */
  set(spec: string | null): void;
}

/** Decimal megabytes, so that "5 MB/s" in the menu is exactly the rate sent. */
export const TRAY_RATES = [
  { spec: '1MB', megabytes: 1 },
  { spec: '5MB', megabytes: 5 },
  { spec: '20MB', megabytes: 20 },
] as const;

type Limit = { kind: 'off' } | { kind: 'rate'; bytes: number } | { kind: 'timetable' };

function limitOf(spec: string | null): Limit {
  if (spec === null) return { kind: 'off' };
  try {
    const { entries } = parseBandwidth(spec);
    if (entries.length > 1) return { kind: 'timetable' };
    const rate = entries[0]?.rate ?? null;
    return rate === null ? { kind: 'off' } : { kind: 'rate', bytes: rate };
  } catch {
    return { kind: 'timetable' }; // not ours to judge here: shown as set elsewhere and left alone
  }
}

const presetBytes = (megabytes: number) => megabytes * 1_000_000;

export function bandwidthMenu(bandwidth: TrayBandwidth, tr: MainTranslator): MenuItemConstructorOptions {
  const spec = bandwidth.current();
  const limit = limitOf(spec);
  const pick = (next: string | null) => () => {
    if (next !== spec) bandwidth.set(next);
  };
  const items: MenuItemConstructorOptions[] = [
    { id: 'bwlimit-off', type: 'radio', label: tr.t('tray.limitOff'), checked: limit.kind === 'off', click: pick(null) },
    ...TRAY_RATES.map((preset): MenuItemConstructorOptions => ({
      id: `bwlimit-${preset.spec}`,
      type: 'radio',
      label: tr.t('tray.limitRate', { megabytes: preset.megabytes }),
      checked: limit.kind === 'rate' && limit.bytes === presetBytes(preset.megabytes),
      click: pick(preset.spec),
    })),
  ];
  const elsewhere = limit.kind === 'timetable' || (limit.kind === 'rate' && !TRAY_RATES.some((p) => presetBytes(p.megabytes) === limit.bytes));
  if (elsewhere && spec !== null) {
    const label = limit.kind === 'timetable' ? tr.t('tray.limitTimetable') : tr.t('tray.limitOther', { limit: spec });
    items.push({ id: 'bwlimit-settings', type: 'radio', label, checked: true, click: () => {} });
  }
  return { id: 'bwlimit', label: tr.t('tray.limit'), submenu: items };
}
