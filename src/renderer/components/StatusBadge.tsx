import type { JobStatus } from '../../shared/job';
import { useTranslator } from '../i18n/I18nProvider';
import { statusLabel } from '../lib/jobStatus';

export function StatusBadge(props: { status: JobStatus }) {
  const tr = useTranslator();
  return (
    <span className={`badge badge-${props.status}`} data-testid="job-status">
      {statusLabel(props.status, tr)}
    </span>
  );
}
