/** The photo panel's metadata list, in reading order, from the contract's `metadatas` keys. Pure. */
import type { Metadatas } from '../../../shared/metadata';
import type { MessageKey } from '../../i18n/messages/en';
import { english, type Translator } from '../../i18n/translate';
import { formatBytes, formatCoordinate, formatDateTime, formatExposure, formatNumber } from '../../lib/format';

export interface MetadataRow {
  key: string;
  label: string;
  value: string;
}

export function metadataRows(m: Metadatas, tr: Translator = english): MetadataRow[] {
  const locale = tr.locale;
  const decimal = (value: string) => (Number.isFinite(Number(value)) ? formatNumber(Number(value), locale) : value);
  const rows: Array<[string, string | null | undefined]> = [
    ['camera_make', m.camera_make],
    ['camera_model', m.camera_model],
    ['lens_model', m.lens_model],
    ['exposure_time', formatExposure(m.exposure_time, locale)],
    ['f_number', m.f_number ? `f/${decimal(m.f_number)}` : null],
    ['iso', m.iso],
    ['focal_length', m.focal_length ? `${decimal(m.focal_length)} mm` : null],
    ['taken_at', formatDateTime(m.taken_at, locale)],
    ['gps', gps(m, tr)],
    ['dimensions', m.width && m.height ? `${m.width} × ${m.height}` : null],
    ['keywords', m.keywords?.length ? m.keywords.join(', ') : null],
    ['filename', m.filename],
    ['relative_path', m.relative_path],
    ['file_size', m.file_size ? formatBytes(Number(m.file_size), locale) : null],
    ['mime_type', m.mime_type],
  ];
  return rows.filter((row): row is [string, string] => Boolean(row[1])).map(([key, value]) => ({ key, label: tr.t(`meta.${key}` as MessageKey), value }));
}

function gps(m: Metadatas, tr: Translator): string | null {
  const lat = formatCoordinate(m.gps_latitude, tr.t('meta.north'), tr.t('meta.south'), tr.locale);
  const lon = formatCoordinate(m.gps_longitude, tr.t('meta.east'), tr.t('meta.west'), tr.locale);
  return lat && lon ? `${lat}, ${lon}` : null;
}

/** Backend records carry metadatas as loose JSON; keep only string values (and keyword lists). */
export function toMetadatas(raw: Record<string, unknown>): Metadatas {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (typeof value === 'string' || typeof value === 'number') out[key] = String(value);
    else if (Array.isArray(value)) out[key] = value.map(String);
  }
  return out as Metadatas;
}
