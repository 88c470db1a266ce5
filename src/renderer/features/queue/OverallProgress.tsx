/** The overall bar in bytes, with smoothed speed and ETA; never 100 % while a scan is still finding files. */
import type { QueueSummary } from '../../../shared/api';
import { ProgressBar } from '../../components/ProgressBar';
import { useTranslator } from '../../i18n/I18nProvider';
import { formatBytes, formatDuration, formatRate, overallPercent } from '../../lib/format';

export function OverallProgress(props: { queue: QueueSummary; paused: boolean }) {
  const { t, locale } = useTranslator();
  const { queue } = props;
  const percent = overallPercent(queue.bytesDone, queue.bytesTotal, queue.scanning);
  const counts = queue.byStatus;
  const active = counts.uploading + counts.hashing + counts.registering;
  // The smoothed rate decays slowly after the last byte: show it only while bytes move.
  const moving = !props.paused && counts.uploading > 0;
  const done = formatBytes(queue.bytesDone, locale);
  const total = formatBytes(queue.bytesTotal, locale);
  return (
    <div className="overall" data-testid="overall">
      <ProgressBar
        label={t('queue.overallLabel')}
        percent={percent}
        size="large"
        testId="overall-progress"
        valueText={t('queue.overallValue', { percent, done, total })}
      />
      <p className="overall-text" aria-live="off">
        <span data-testid="overall-percent">{t('progress.percent', { percent })}</span> · {t('queue.bytesOf', { done, total })}
        {queue.scanning && ` · ${t('queue.scanning')}`}
        {props.paused && ` · ${t('queue.paused')}`}
        {moving && queue.bytesPerSecond > 0 && ` · ${formatRate(queue.bytesPerSecond, locale)}`}
        {!props.paused && active > 0 && queue.concurrency !== undefined && ` · ${t('queue.atOnce', { count: queue.concurrency })}`}
        {moving && queue.etaSeconds !== null && queue.etaSeconds > 0 && ` · ${t('queue.timeLeft', { duration: formatDuration(queue.etaSeconds) })}`}
      </p>
      <p className="overall-counts" data-testid="queue-counts">
        {t('queue.counts', {
          total: queue.total,
          done: counts.done,
          skipped: counts.skipped,
          active,
          waiting: counts.queued + counts.waiting,
          paused: counts.paused,
          failed: counts.failed,
        })}
      </p>
    </div>
  );
}
