/**
 * `metadatas[...]` sent with each image (contract §5). All values are strings because they
 * travel form-encoded; keys are absent when the file lacks the value.
 */
export interface Metadatas {
  filename?: string;
  relative_path?: string;
  sha1?: string;
  file_size?: string;
  mime_type?: string;
  taken_at?: string;
  camera_make?: string;
  camera_model?: string;
  lens_model?: string;
  iso?: string;
  f_number?: string;
  exposure_time?: string;
  focal_length?: string;
  orientation?: string;
  width?: string;
  height?: string;
  gps_latitude?: string;
  gps_longitude?: string;
  title?: string;
  description?: string;
  keywords?: string[];
  /** Videos: seconds, decimal. */
  duration?: string;
  /** Pairs: the RAW uploaded beside the JPEG shown, and a Live Photo's clip. */
  raw_public_id?: string;
  motion_public_id?: string;
}

export const METADATA_KEYS = [
  'filename',
  'relative_path',
  'sha1',
  'file_size',
  'mime_type',
  'taken_at',
  'camera_make',
  'camera_model',
  'lens_model',
  'iso',
  'f_number',
  'exposure_time',
  'focal_length',
  'orientation',
  'width',
  'height',
  'gps_latitude',
  'gps_longitude',
  'title',
  'description',
  'keywords',
  'duration',
  'raw_public_id',
  'motion_public_id',
] as const satisfies readonly (keyof Metadatas)[];

/**
 * The longest value kept per key, in UTF-16 code units, and the most keywords. Far above anything a camera
 * or an editor writes, far below what breaks a request: an 11 MB title once failed its photo for good.
 */
export const METADATA_LIMITS = {
  title: 2000,
  description: 2000,
  filename: 1000,
  relative_path: 4096,
  keyword: 200,
  keywordCount: 500,
  /** Every other value: camera and lens names, and the numbers and dates written by PixDrop itself. */
  other: 200,
} as const;

/** At most `max` code units, never cutting a character in two (a surrogate pair stays whole or goes). */
export function truncateText(text: string, max: number): string {
  if (text.length <= max) return text;
  const last = text.charCodeAt(max - 1);
  const cut = last >= 0xd800 && last <= 0xdbff ? max - 1 : max;
  return text.slice(0, cut);
}

/** Every value within METADATA_LIMITS; the one place metadata is capped, whatever file it came from. */
export function capMetadatas(metadatas: Metadatas): Metadatas {
  const capped: Record<string, string | string[]> = {};
  for (const [key, value] of Object.entries(metadatas) as [string, string | string[] | undefined][]) {
    if (value === undefined) continue;
    if (Array.isArray(value)) {
      const items = value.slice(0, METADATA_LIMITS.keywordCount).map((item) => truncateText(item, METADATA_LIMITS.keyword));
      capped[key] = [...new Set(items)];
    } else {
      capped[key] = truncateText(value, (METADATA_LIMITS as Record<string, number>)[key] ?? METADATA_LIMITS.other);
    }
  }
  return capped as Metadatas;
}
