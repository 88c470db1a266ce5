/** The overall bar in bytes, with smoothed speed and ETA; never 100 % while a scan is still finding files. */
import type { QueueSummary } from '../../../shared/api';
import { ProgressBar } from '../../components/ProgressBar';
import { formatBytes, formatDuration, formatRate, overallPercent } from '../../lib/format';

export function OverallProgress(props: { queue: QueueSummary; paused: boolean }) {
  const { queue } = props;
  const percent = overallPercent(queue.bytesDone, queue.bytesTotal, queue.scanning);
  const counts = queue.byStatus;
  const active = counts.uploading + counts.hashing + counts.registering;
  // The smoothed rate decays slowly after the last byte: show it only while bytes move.
  const moving = !props.paused && counts.uploading > 0;
  return (
    <div className="overall" data-testid="overall">
      <ProgressBar
        label="Overall upload progress"
        percent={percent}
        size="large"
        testId="overall-progress"
        valueText={`${percent} %, ${formatBytes(queue.bytesDone)} of ${formatBytes(queue.bytesTotal)}`}
      />
      <p className="overall-text" aria-live="off">
        <span data-testid="overall-percent">{percent} %</span> · {formatBytes(queue.bytesDone)} of {formatBytes(queue.bytesTotal)}
        {queue.scanning && ' · still looking for photos…'}
        {props.paused && ' · paused'}
        {moving && queue.bytesPerSecond > 0 && ` · ${formatRate(queue.bytesPerSecond)}`}
        {moving && queue.etaSeconds !== null && queue.etaSeconds > 0 && ` · about ${formatDuration(queue.etaSeconds)} left`}
      </p>
      <p className="overall-counts" data-testid="queue-counts">
        {queue.total} files: {counts.done} uploaded, {counts.skipped} already there, {active} in progress,{' '}
        {counts.queued + counts.waiting} waiting, {counts.paused} paused, {counts.failed} failed
      </p>
    </div>
  );
}
