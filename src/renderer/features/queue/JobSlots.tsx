/**
 * The two places a queued photo carries extra things, shared by its tile (grid) and its row
 * (list): badges beside the picture (e.g. RAW+JPEG or Live pairs) and actions beside Retry/Pause
 * (e.g. Cancel). JobBadges shows the RAW / Live pair badges; JobExtraActions is empty for now.
 */
import type { JobView } from '../../../shared/api';
import { PairBadge } from '../../components/PairBadge';
import type { JobActions } from './JobRow';

/** Small labels over the top-left corner of the tile / after the name in the row. */
export function JobBadges(props: { job: JobView }) {
  return <PairBadge pair={props.job.pair} />;
}

/** Extra buttons after the built-in Retry / Pause / Resume. */
export function JobExtraActions(_props: { job: JobView; actions: JobActions }) {
  return null;
}
