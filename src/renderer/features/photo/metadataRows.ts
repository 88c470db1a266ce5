/** The photo panel's metadata list, in reading order, from the contract's `metadatas` keys. Pure. */
import type { Metadatas } from '../../../shared/metadata';
import { formatBytes, formatCoordinate, formatDateTime, formatExposure } from '../../lib/format';

export interface MetadataRow {
  key: string;
  label: string;
  value: string;
}

export function metadataRows(m: Metadatas): MetadataRow[] {
  const rows: Array<[string, string, string | null | undefined]> = [
    ['camera_make', 'Camera make', m.camera_make],
    ['camera_model', 'Camera model', m.camera_model],
    ['lens_model', 'Lens', m.lens_model],
    ['exposure_time', 'Exposure', formatExposure(m.exposure_time)],
    ['f_number', 'Aperture', m.f_number ? `f/${m.f_number}` : null],
    ['iso', 'ISO', m.iso],
    ['focal_length', 'Focal length', m.focal_length ? `${m.focal_length} mm` : null],
    ['taken_at', 'Taken', formatDateTime(m.taken_at)],
    ['gps', 'Location', gps(m)],
    ['dimensions', 'Dimensions', m.width && m.height ? `${m.width} × ${m.height}` : null],
    ['keywords', 'Keywords', m.keywords?.length ? m.keywords.join(', ') : null],
    ['filename', 'File', m.filename],
    ['relative_path', 'Folder path', m.relative_path],
    ['file_size', 'Size', m.file_size ? formatBytes(Number(m.file_size)) : null],
    ['mime_type', 'Type', m.mime_type],
  ];
  return rows.filter((row): row is [string, string, string] => Boolean(row[2])).map(([key, label, value]) => ({ key, label, value }));
}

function gps(m: Metadatas): string | null {
  const lat = formatCoordinate(m.gps_latitude, 'N', 'S');
  const lon = formatCoordinate(m.gps_longitude, 'E', 'W');
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
