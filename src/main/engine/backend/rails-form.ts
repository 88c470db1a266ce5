/**
 * Rails bracket notation for `POST /api/v1/albums/:album_id/images` (seed 002), pure.
 * Cloudinary's upload response goes field for field under `cloudinary[...]`, the file's metadata
 * under `metadatas[...]`. Every leaf travels as a string; nested arrays (colors, predominant) are
 * flattened the way seed 002 shows them; an empty array keeps its key as `key[]=` so the field
 * is still visible on the other side.
 */
import qs from 'qs';
import type { Metadatas } from '../../../shared/metadata';

export type FormValue = string | FormValue[] | { [key: string]: FormValue };

/** Turns any JSON-like value into strings, flat arrays and plain objects. */
export function toFormValue(value: unknown): FormValue {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) {
    const flat = value.flat(Infinity).map((item) => toFormValue(item));
    return flat.length === 0 ? [''] : flat;
  }
  if (typeof value === 'object') {
    const out: Record<string, FormValue> = {};
    for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
      if (item !== undefined) out[key] = toFormValue(item);
    }
    return out;
  }
  return String(value);
}

export interface RailsImageBody {
  cloudinary: Record<string, unknown>;
  metadatas: Metadatas | Record<string, unknown>;
}

export function toRailsForm(body: RailsImageBody): string {
  const data = { cloudinary: toFormValue(body.cloudinary), metadatas: toFormValue(body.metadatas) };
  // RFC1738: spaces as `+`, like the seed; brackets stay readable, values are encoded.
  return qs.stringify(data, { arrayFormat: 'brackets', encodeValuesOnly: true, format: 'RFC1738' });
}

/**
 * The parser both sides agree on. qs turns long `[]` lists into index maps past `arrayLimit`
 * (64 colors do that with the default 20), so the limits are raised to what Cloudinary sends.
 */
export function parseRailsForm(body: string): Record<string, unknown> {
  return qs.parse(body, { depth: 10, arrayLimit: 10_000, parameterLimit: 10_000, allowPrototypes: false });
}
