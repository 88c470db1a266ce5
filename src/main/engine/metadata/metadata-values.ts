/**
 * Pure conversions of raw tag values into the strings of contract §5. No Date objects anywhere: a photo's
 * time is the camera's wall-clock time and must never move with the machine's time zone.
 */

export function cleanText(value: unknown): string | undefined {
  if (typeof value === 'number') return String(value);
  if (typeof value !== 'string') return undefined;
  // A NUL ends an EXIF string (exiftool reads it so): what follows is padding or another field's bytes.
  const cut = value.indexOf('\u0000');
  const text = (cut >= 0 ? value.slice(0, cut) : value).trim();
  return text === '' ? undefined : text;
}

const XML_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** exifr leaves XML character references in XMP text ("Wilts &amp; Dorset"); exiftool decodes them. */
export function decodeXmlEntities(text: string): string {
  return text.replace(/&(?:#x([0-9a-fA-F]{1,6})|#(\d{1,7})|(amp|lt|gt|quot|apos));/g, (whole, hex?: string, dec?: string, name?: string) => {
    if (name) return XML_ENTITIES[name]!;
    const code = hex ? parseInt(hex, 16) : Number(dec);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

function xmpLeaf(value: unknown): string | undefined {
  const text = cleanText(value);
  return text === undefined ? undefined : cleanText(decodeXmlEntities(text));
}

/** XMP language alternatives arrive as {lang, value} or a list of them: x-default first. */
export function xmpText(value: unknown): string | undefined {
  if (Array.isArray(value)) {
    const preferred = value.find((v) => v && typeof v === 'object' && (v as { lang?: string }).lang === 'x-default') ?? value[0];
    return xmpText(preferred);
  }
  if (value && typeof value === 'object' && 'value' in value) return xmpLeaf((value as { value: unknown }).value);
  return xmpLeaf(value);
}

export function firstNumber(value: unknown): number | undefined {
  // exifr gives a multi-valued SHORT/LONG tag as a typed array (Uint16Array for ISO "200 0"), others as arrays
  const candidate = Array.isArray(value) || (ArrayBuffer.isView(value) && !(value instanceof DataView)) ? (value as ArrayLike<unknown>)[0] : value;
  if (typeof candidate === 'number' && Number.isFinite(candidate)) return candidate;
  if (typeof candidate === 'string' && candidate.trim() !== '') {
    const fraction = /^\s*(-?\d+(?:\.\d+)?)\s*\/\s*(\d+(?:\.\d+)?)\s*$/.exec(candidate);
    if (fraction) return Number(fraction[2]) === 0 ? undefined : Number(fraction[1]) / Number(fraction[2]);
    const parsed = Number(candidate);
    return Number.isFinite(parsed) ? parsed : undefined;
  }
  return undefined;
}

/** Decimal string without float noise: 0.016666666666666666 → "0.01666666667". */
export function decimal(value: number, significant = 10): string {
  return String(Number(value.toPrecision(significant)));
}

export function positiveDecimal(value: unknown): string | undefined {
  const n = firstNumber(value);
  return n !== undefined && n > 0 ? decimal(n) : undefined;
}

const OFFSET = /^(?:Z|[+-]\d{2}:\d{2})$/;

/** "2013:08:27 19:45:23" (+ "+01:00") → "2013-08-27T19:45:23+01:00"; nothing for blank or zero dates. */
export function exifDateTime(value: unknown, offset?: unknown): string | undefined {
  const text = cleanText(value);
  const match = text ? /^(\d{4})[:-](\d{2})[:-](\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?/.exec(text) : null;
  if (!match || match[1] === '0000' || match[2] === '00' || match[3] === '00') return undefined;
  const zone = cleanText(offset);
  const suffix = zone && OFFSET.test(zone) ? zone : '';
  return `${match[1]}-${match[2]}-${match[3]}T${match[4]}:${match[5]}:${match[6] ?? '00'}${suffix}`;
}

/** XMP dates are ISO 8601 already, maybe with fractions and an offset: "2015-06-11T10:29:26.69" → "2015-06-11T10:29:26". */
export function xmpDateTime(value: unknown): string | undefined {
  const text = cleanText(value);
  const match = text ? /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?(Z|[+-]\d{2}:?\d{2})?$/.exec(text) : null;
  if (!match) return undefined;
  const zone = match[7] ? (match[7] === 'Z' ? 'Z' : match[7].replace(/^([+-]\d{2}):?(\d{2})$/, '$1:$2')) : '';
  return `${match[1]}-${match[2]}-${match[3]}T${match[4]}:${match[5]}:${match[6] ?? '00'}${zone}`;
}

/** IPTC DateCreated "20070419" + TimeCreated "110315-0600" (or "11:03:15-06:00"). */
export function iptcDateTime(date: unknown, time: unknown): string | undefined {
  const d = cleanText(date)?.replace(/-/g, '');
  const t = cleanText(time)?.replace(/:/g, '');
  if (!d || !/^\d{8}$/.test(d) || !t) return undefined;
  const match = /^(\d{2})(\d{2})(\d{2})([+-]\d{4})?$/.exec(t);
  if (!match) return undefined;
  const zone = match[4] ? `${match[4].slice(0, 3)}:${match[4].slice(3)}` : '';
  return `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}T${match[1]}:${match[2]}:${match[3]}${zone}`;
}

/** Degrees, minutes, seconds + hemisphere ref → signed decimal degrees; nothing when any part is missing. */
export function gpsCoordinate(dms: unknown, ref: unknown, negativeRef: 'S' | 'W'): string | undefined {
  let degrees: number | undefined;
  if (typeof dms === 'number') degrees = dms;
  else if (Array.isArray(dms) && dms.length > 0) {
    const parts = dms.map((part) => (typeof part === 'number' && Number.isFinite(part) ? part : NaN));
    if (parts.some(Number.isNaN)) return undefined;
    degrees = (parts[0] ?? 0) + (parts[1] ?? 0) / 60 + (parts[2] ?? 0) / 3600;
  }
  if (degrees === undefined || !Number.isFinite(degrees)) return undefined;
  const sign = cleanText(ref)?.toUpperCase().startsWith(negativeRef) ? -1 : 1;
  return String(Number((sign * Math.abs(degrees)).toFixed(8)));
}

/** One value or a list of them; `read` is xmpText for XMP, cleanText for IPTC (not XML: "&amp;" there is literal). */
export function textList(value: unknown, read: (item: unknown) => string | undefined = xmpText): string[] {
  if (value === undefined || value === null) return [];
  const items = Array.isArray(value) ? value : [value];
  return items.map((item) => read(item)).filter((item): item is string => item !== undefined);
}
