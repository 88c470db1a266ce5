/**
 * The two places a queued photo carries extra things, shared by its tile (grid) and its row
 * (list): badges beside the picture (e.g. RAW+JPEG or Live pairs) and actions beside Retry/Pause
 * (e.g. Cancel). Each returns nothing until something is put there.
 */
import type { JobView } from '../../../shared/api';
import type { JobActions } from './JobRow';

/** Small labels over the top-left corner of the tile / after the name in the row. */
export function JobBadges(_props: { job: JobView }) {
  return null;
}

/** Extra buttons after the built-in Retry / Pause / Resume. */
export function JobExtraActions(_props: { job: JobView; actions: JobActions }) {
  return null;
}
