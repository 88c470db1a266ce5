import type { QueueSummary } from '../../../shared/api';
import { useT } from '../../i18n/I18nProvider';
import type { JobFilter } from '../../lib/jobStatus';

const FILTERS: Array<{ value: JobFilter; label: `queue.filter.${JobFilter}`; count(q: QueueSummary): number }> = [
  { value: 'all', label: 'queue.filter.all', count: (q) => q.total },
  {
    value: 'active',
    label: 'queue.filter.active',
    count: (q) => q.total - q.byStatus.done - q.byStatus.skipped - q.byStatus.failed,
  },
  { value: 'failed', label: 'queue.filter.failed', count: (q) => q.byStatus.failed },
  { value: 'done', label: 'queue.filter.done', count: (q) => q.byStatus.done + q.byStatus.skipped },
];

export function QueueFilters(props: { value: JobFilter; queue: QueueSummary; onChange(filter: JobFilter): void }) {
  const t = useT();
  return (
    <div className="filters" role="group" aria-label={t('queue.filters')}>
      {FILTERS.map((filter) => (
        <button
          key={filter.value}
          type="button"
          className="filter"
          aria-pressed={props.value === filter.value}
          onClick={() => props.onChange(filter.value)}
          data-testid={`filter-${filter.value}`}
        >
          {t(filter.label, { count: filter.count(props.queue) })}
        </button>
      ))}
    </div>
  );
}
