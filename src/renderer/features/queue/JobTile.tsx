/**
 * One file in the queue's grid view: the photo itself (its embedded EXIF preview, so HEIC and RAW
 * too) with its state and progress laid over it, its name, and what can be done with it.
 */
import { memo, useRef } from 'react';
import type { JobView } from '../../../shared/api';
import { ErrorReason } from '../../components/ErrorReason';
import { ProgressBar } from '../../components/ProgressBar';
import { StatusBadge } from '../../components/StatusBadge';
import { useT } from '../../i18n/I18nProvider';
import { fileTypeLabel } from '../../lib/fileType';
import { jobPercent } from '../../lib/format';
import { usePhotoThumbnail } from '../../state/usePhotoThumbnail';
import { JobActionButtons } from './JobActionButtons';
import { focusStop, type FocusProps, type JobActions } from './JobRow';
import { JobBadges } from './JobSlots';
import { clickJob, JobSelectBox, type SelectProps } from './JobSelectBox';

/** States that show a bar over the picture: the bytes are moving or about to. */
const SHOWS_PROGRESS = new Set(['hashing', 'uploading', 'registering', 'paused', 'waiting']);

export const JobTile = memo(function JobTile(props: { job: JobView; actions: JobActions } & FocusProps & SelectProps) {
  const t = useT();
  const { job, actions } = props;
  const focus = focusStop(props);
  const ref = useRef<HTMLDivElement>(null);
  const thumbnail = usePhotoThumbnail(job.id, ref);
  const percent = jobPercent(job);
  const failed = job.error && job.status !== 'done';
  return (
    <div
      className={`job-tile job-tile-${job.status}${props.selected ? ' job-selected' : ''}`}
      ref={ref}
      data-testid="job-row"
      data-status={job.status}
      data-filename={job.filename}
    >
      <div className="job-tile-picture">
        <button
          type="button"
          className="job-tile-open"
          onClick={(event) => clickJob(event, props.index, props.onSelect, () => actions.open(job.id))}
          aria-label={t('album.openPhoto', { name: job.filename })}
          title={job.path}
          data-index={focus.index}
          tabIndex={focus.tabIndex}
          onFocus={focus.onFocus}
        >
          {thumbnail ? (
            <img className="job-tile-image" src={thumbnail} alt="" data-testid="job-thumbnail" decoding="async" />
          ) : (
            // Until its picture comes (a HEIC is decoded first, which takes a few seconds) or when it has none: its type.
            <span className="job-tile-image job-tile-placeholder" aria-hidden="true" data-testid="job-placeholder">
              {fileTypeLabel(job.filename)}
            </span>
          )}
        </button>
        <div className="job-tile-badges">
          <JobBadges job={job} />
        </div>
        <div className="job-tile-state">
          <StatusBadge status={job.status} />
        </div>
        {(SHOWS_PROGRESS.has(job.status) || failed) && (
          <div className="job-tile-overlay">
            {failed ? (
              <ErrorReason error={job.error!} compact />
            ) : (
              <>
                <ProgressBar label={t('progress.of', { name: job.filename })} percent={percent} />
                <span className="job-tile-percent">{t('progress.percent', { percent: Math.round(percent) })}</span>
              </>
            )}
          </div>
        )}
      </div>
      {/* The name has a line of its own, so a camera's file name is read whole beside any buttons. */}
      <div className="job-tile-footer">
        <span className="job-tile-name" title={job.filename} data-testid="job-name">
          {job.filename}
        </span>
        <div className="job-tile-controls">
          <JobSelectBox selected={props.selected} onSelect={props.onSelect} index={props.index} filename={job.filename} />
          <JobActionButtons job={job} actions={actions} />
        </div>
      </div>
    </div>
  );
});
