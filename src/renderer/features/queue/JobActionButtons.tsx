/** Retry, Pause, Resume, Cancel — whichever changes something for this file now — then the extra actions slot. */
import type { JobView } from '../../../shared/api';
import { useT } from '../../i18n/I18nProvider';
import { canCancel, canPause, canResume } from '../../lib/jobStatus';
import type { JobActions } from './JobRow';
import { JobExtraActions } from './JobSlots';

export function JobActionButtons(props: { job: JobView; actions: JobActions }) {
  const t = useT();
  const { job, actions } = props;
  return (
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
      <JobExtraActions job={job} actions={actions} />
    </div>
  );
}
