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
