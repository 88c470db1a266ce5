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

/** The reference encoding: qs, RFC1738 (spaces as `+`, like the seed); brackets stay readable, values are encoded. */
export function toRailsFormWithQs(body: RailsImageBody): string {
  const data = { cloudinary: toFormValue(body.cloudinary), metadatas: toFormValue(body.metadatas) };
  return qs.stringify(data, { arrayFormat: 'brackets', encodeValuesOnly: true, format: 'RFC1738' });
}

/** qs's RFC1738 value encoding: encodeURIComponent's, with `!'*` escaped too and spaces as `+`. */
const encodeValue = (text: string) =>
  encodeURIComponent(text)
    .replace(/[!'*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%20/g, '+');

/** Appends `key=value` pairs for one value, with toFormValue's rules (flat arrays, `key[]=` for an empty one). */
function writePairs(key: string, value: unknown, out: string[]): void {
  if (value === null || value === undefined) out.push(`${key}=`);
  else if (Array.isArray(value)) {
    const flat: unknown[] = value.flat(Infinity);
    if (flat.length === 0) out.push(`${key}[]=`);
    for (const item of flat) writePairs(`${key}[]`, item, out);
  } else if (typeof value === 'object') {
    for (const [name, item] of Object.entries(value as Record<string, unknown>)) if (item !== undefined) writePairs(`${key}[${name}]`, item, out);
  } else out.push(`${key}=${encodeValue(String(value))}`);
}

/**
 * The same body as toRailsFormWithQs, written in one pass: one is sent per photo, and qs's general
 * encoder (with the toFormValue copy before it) was a tenth of the engine's CPU in a season of small photos.
 */
export function toRailsForm(body: RailsImageBody): string {
  const out: string[] = [];
  try {
    writePairs('cloudinary', body.cloudinary, out);
    writePairs('metadatas', body.metadatas, out);
  } catch {
    // encodeURIComponent refuses a lone surrogate, which qs writes anyway: its bytes, then.
    return toRailsFormWithQs(body);
  }
  return out.join('&');
}

/**
 * The parser both sides agree on. qs turns long `[]` lists into index maps past `arrayLimit`
 * (64 colors do that with the default 20), so the limits are raised to what Cloudinary sends.
 */
export function parseRailsForm(body: string): Record<string, unknown> {
  return qs.parse(body, { depth: 10, arrayLimit: 10_000, parameterLimit: 10_000, allowPrototypes: false });
}
