/**
 * Human-readable numbers for the screens, in the window's locale (decimal separator, grouping,
 * date order); `locale` undefined = the runtime's default. Pure.
 */
const UNITS = ['B', 'KB', 'MB', 'GB', 'TB'];

const numberFormats = new Map<string, Intl.NumberFormat>();

/** One Intl.NumberFormat per locale and precision: building one costs more than formatting 50 numbers. */
function numberFormat(locale: string | undefined, fractionDigits: number): Intl.NumberFormat {
  const key = `${locale ?? ''}|${fractionDigits}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale ?? 'en', { minimumFractionDigits: fractionDigits, maximumFractionDigits: fractionDigits, useGrouping: false });
    numberFormats.set(key, format);
  }
  return format;
}

export function formatNumber(value: number, locale?: string): string {
  return new Intl.NumberFormat(locale ?? 'en').format(value);
}

export function formatBytes(bytes: number, locale?: string): string {
  if (!Number.isFinite(bytes) || bytes <= 0) return '0 B';
  // Below 1 B (a slow rate) is still bytes: log10 is negative there.
  let exponent = Math.min(UNITS.length - 1, Math.max(0, Math.floor(Math.log10(bytes) / 3)));
  // Rounding may carry into the next unit (999,950 B would read "1000 KB"): show "1.0 MB" instead.
  if (exponent < UNITS.length - 1 && roundedValue(bytes, exponent) >= 1000) exponent += 1;
  const value = bytes / 1000 ** exponent;
  const digits = value >= 100 || exponent === 0 ? 0 : 1;
  return `${numberFormat(locale, digits).format(digits === 0 ? Math.round(value) : value)} ${UNITS[exponent]}`;
}

function roundedValue(bytes: number, exponent: number): number {
  const value = bytes / 1000 ** exponent;
  return value >= 100 || exponent === 0 ? Math.round(value) : Number(value.toFixed(1));
}

export function formatRate(bytesPerSecond: number, locale?: string): string {
  return `${formatBytes(bytesPerSecond, locale)}/s`;
}

export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${s % 60} s`;
  return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
}

/**
 * Whole percent for the overall bar. While a scan is still finding files the total is not known
 * yet, so it never shows 100 % then.
 */
export function overallPercent(bytesDone: number, bytesTotal: number, scanning: boolean): number {
  if (bytesTotal <= 0) return scanning ? 0 : 0;
  const percent = Math.floor((bytesDone / bytesTotal) * 100);
  return Math.min(scanning ? 99 : 100, Math.max(0, percent));
}

export function formatExposure(seconds: string | undefined, locale?: string): string | null {
  if (!seconds) return null;
  const value = Number(seconds);
  if (!Number.isFinite(value) || value <= 0) return seconds;
  // As cameras and exiftool show it: fractions up to 1/4 s, tenths above (0.8 s is not "1/1 s").
  if (value < 0.25001) return `1/${Math.round(1 / value)} s`;
  const tenths = Number(value.toFixed(1));
  return `${new Intl.NumberFormat(locale ?? 'en', { maximumFractionDigits: 1 }).format(tenths)} s`;
}

export function formatCoordinate(value: string | undefined, positive: string, negative: string, locale?: string): string | null {
  if (!value) return null;
  const n = Number(value);
  return Number.isFinite(n) ? `${numberFormat(locale, 5).format(Math.abs(n))}° ${n >= 0 ? positive : negative}` : value;
}

export function formatDateTime(iso: string | null | undefined, locale?: string): string | null {
  if (!iso) return null;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString(locale);
}

/** How far one file's upload is, 0–100. */
export function jobPercent(job: { bytesDone: number; bytesTotal: number }): number {
  return job.bytesTotal > 0 ? (job.bytesDone / job.bytesTotal) * 100 : 0;
}
