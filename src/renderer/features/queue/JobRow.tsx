/** One file in the queue: name, status, progress or reason, and what can be done with it. */
import { memo, useRef } from 'react';
import type { JobView } from '../../../shared/api';
import { ErrorReason } from '../../components/ErrorReason';
import { ProgressBar } from '../../components/ProgressBar';
import { StatusBadge } from '../../components/StatusBadge';
import { useTranslator } from '../../i18n/I18nProvider';
import { formatBytes } from '../../lib/format';
import { canCancel, canPause, canResume } from '../../lib/jobStatus';
import { usePhotoThumbnail } from '../../state/usePhotoThumbnail';

export interface JobActions {
  open(jobId: number): void;
  retry(jobId: number): void;
  pause(jobId: number): void;
  resume(jobId: number): void;
  cancel(jobId: number): void;
}

export const JobRow = memo(function JobRow(props: { job: JobView; actions: JobActions }) {
  const { t, locale } = useTranslator();
  const { job, actions } = props;
  const percent = job.bytesTotal > 0 ? (job.bytesDone / job.bytesTotal) * 100 : 0;
  const ref = useRef<HTMLDivElement>(null);
  // The photo's own embedded preview, read when the row scrolls into view (HEIC and RAW too).
  const thumbnail = usePhotoThumbnail(job.id, ref);
  return (
    <div className="job-row-inner" ref={ref} data-testid="job-row" data-status={job.status} data-filename={job.filename}>
      <span className="job-thumb" aria-hidden="true">
        {thumbnail && <img src={thumbnail} alt="" data-testid="job-thumbnail" decoding="async" />}
      </span>
      <button type="button" className="job-name link" onClick={() => actions.open(job.id)} title={job.path}>
        {job.filename}
        {job.relativePath !== job.filename && <span className="job-path">{job.relativePath}</span>}
      </button>
      <StatusBadge status={job.status} />
      <div className="job-progress">
        {job.error && job.status !== 'done' ? (
          <ErrorReason error={job.error} compact />
        ) : (
          <>
            <ProgressBar label={t('progress.of', { name: job.filename })} percent={percent} />
            <span className="job-bytes">{formatBytes(job.bytesTotal, locale)}</span>
          </>
        )}
      </div>
      <div className="job-actions">
        {job.status === 'failed' && (
          <button type="button" onClick={() => actions.retry(job.id)} aria-label={t('job.retryLabel', { name: job.filename })}>
            {t('job.retry')}
          </button>
        )}
        {canPause(job.status) && (
          <button type="button" className="secondary" onClick={() => actions.pause(job.id)} aria-label={t('job.pauseLabel', { name: job.filename })}>
            {t('job.pause')}
          </button>
        )}
        {canResume(job.status) && (
          <button type="button" className="secondary" onClick={() => actions.resume(job.id)} aria-label={t('job.resumeLabel', { name: job.filename })}>
            {t('job.resume')}
          </button>
        )}
        {canCancel(job.status) && (
          <button type="button" className="secondary" onClick={() => actions.cancel(job.id)} aria-label={t('job.cancelLabel', { name: job.filename })}>
            {t('job.cancel')}
          </button>
        )}
      </div>
    </div>
  );
});
