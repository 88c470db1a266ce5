import type { JobStatus } from '../../shared/job';
import { STATUS_LABELS } from '../lib/jobStatus';

export function StatusBadge(props: { status: JobStatus }) {
  return (
    <span className={`badge badge-${props.status}`} data-testid="job-status">
      {STATUS_LABELS[props.status]}
    </span>
  );
}
