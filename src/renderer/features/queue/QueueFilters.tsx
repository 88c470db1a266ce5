import type { QueueSummary } from '../../../shared/api';
import type { JobFilter } from '../../lib/jobStatus';

const FILTERS: Array<{ value: JobFilter; label: string; count(q: QueueSummary): number }> = [
  { value: 'all', label: 'All', count: (q) => q.total },
  {
    value: 'active',
    label: 'Active',
    count: (q) => q.total - q.byStatus.done - q.byStatus.skipped - q.byStatus.failed,
  },
  { value: 'failed', label: 'Failed', count: (q) => q.byStatus.failed },
  { value: 'done', label: 'Done', count: (q) => q.byStatus.done + q.byStatus.skipped },
];

export function QueueFilters(props: { value: JobFilter; queue: QueueSummary; onChange(filter: JobFilter): void }) {
  return (
    <div className="filters" role="group" aria-label="Show">
      {FILTERS.map((filter) => (
        <button
          key={filter.value}
          type="button"
          className="filter"
          aria-pressed={props.value === filter.value}
          onClick={() => props.onChange(filter.value)}
          data-testid={`filter-${filter.value}`}
        >
          {filter.label} ({filter.count(props.queue)})
        </button>
      ))}
    </div>
  );
}
