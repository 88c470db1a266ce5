/**
 * One file in the queue's list view: picture, name with its state and folder underneath,
 * progress or reason, and what can be done with it. The name is the row's focus stop.
 */
import { memo, useRef } from 'react';
import type { JobView } from '../../../shared/api';
import { ErrorReason } from '../../components/ErrorReason';
import { ProgressBar } from '../../components/ProgressBar';
import { StatusBadge } from '../../components/StatusBadge';
import { useTranslator } from '../../i18n/I18nProvider';
import { formatBytes, jobPercent } from '../../lib/format';
import { usePhotoThumbnail } from '../../state/usePhotoThumbnail';
import { JobActionButtons } from './JobActionButtons';
import { JobBadges } from './JobSlots';
import { clickJob, JobSelectBox, type SelectProps } from './JobSelectBox';

export interface JobActions {
  open(jobId: number): void;
  retry(jobId: number): void;
  pause(jobId: number): void;
  resume(jobId: number): void;
  cancel(jobId: number): void;
}

/** Where the row's focus stop is, for arrow-key navigation (useRovingFocus). */
export interface FocusStop {
  index: number;
  tabIndex: 0 | -1;
  onFocus(): void;
}

/**
 * The same as plain props, so a memoized row re-renders only when its own file or focus changes
 * (not on every scroll frame): `onItemFocus` must be stable.
 */
export interface FocusProps {
  index: number;
  focusable: boolean;
  onItemFocus(index: number): void;
}

export function focusStop(p: FocusProps): FocusStop {
  return { index: p.index, tabIndex: p.focusable ? 0 : -1, onFocus: () => p.onItemFocus(p.index) };
}

export const JobRow = memo(function JobRow(props: { job: JobView; actions: JobActions } & FocusProps & SelectProps) {
  const { t, locale } = useTranslator();
  const { job, actions } = props;
  const focus = focusStop(props);
  const ref = useRef<HTMLDivElement>(null);
  // The photo's own embedded preview, read when the row scrolls into view (HEIC and RAW too).
  const thumbnail = usePhotoThumbnail(job.id, ref);
  return (
    <div
      className={`job-row-inner${props.selected ? ' job-selected' : ''}`}
      ref={ref}
      data-testid="job-row"
      data-status={job.status}
      data-filename={job.filename}
    >
      <JobSelectBox selected={props.selected} onSelect={props.onSelect} index={props.index} filename={job.filename} />
      <span className="job-thumb" aria-hidden="true">
        {thumbnail && <img src={thumbnail} alt="" data-testid="job-thumbnail" decoding="async" />}
      </span>
      <div className="job-title">
        <button
          type="button"
          className="job-name link"
          onClick={(event) => clickJob(event, props.index, props.onSelect, () => actions.open(job.id))}
          title={job.path}
          data-index={focus.index}
          tabIndex={focus.tabIndex}
          onFocus={focus.onFocus}
        >
          {job.filename}
        </button>
        <span className="job-meta">
          <StatusBadge status={job.status} />
          <JobBadges job={job} />
          {job.relativePath !== job.filename && <span className="job-path">{job.relativePath}</span>}
        </span>
      </div>
      <div className="job-progress" data-testid="job-progress">
        {job.error && job.status !== 'done' ? (
          <ErrorReason error={job.error} compact />
        ) : (
          <>
            <ProgressBar label={t('progress.of', { name: job.filename })} percent={jobPercent(job)} />
            <span className="job-bytes">{formatBytes(job.bytesTotal, locale)}</span>
          </>
        )}
      </div>
      <JobActionButtons job={job} actions={actions} />
    </div>
  );
});
