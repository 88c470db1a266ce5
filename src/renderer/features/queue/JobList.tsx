/**
 * The queue, one row per file, virtualized: only the rows on screen exist in the DOM, and only
 * their pages are fetched, so 50,000 files scroll as smoothly as 50.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import { useT } from '../../i18n/I18nProvider';
import type { JobPager } from '../../state/jobPager';
import { JobRow, type JobActions } from './JobRow';

const ROW_HEIGHT = 56;

export function JobList(props: { pager: JobPager; actions: JobActions; emptyText: string }) {
  const t = useT();
  const { pager } = props;
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: pager.total,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;
  useEffect(() => pager.ensureRange(first, last), [pager, first, last]);

  if (pager.loaded && pager.total === 0) return <p className="empty">{props.emptyText}</p>;
  return (
    <div ref={scroller} className="job-list" role="list" aria-label={t('queue.listLabel')} data-testid="job-list" tabIndex={0}>
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {items.map((item) => {
          const job = pager.rowAt(item.index);
          return (
            <div
              key={item.key}
              role="listitem"
              aria-setsize={pager.total}
              aria-posinset={item.index + 1}
              className="job-row"
              style={{ height: ROW_HEIGHT, transform: `translateY(${item.start}px)` }}
            >
              {job ? <JobRow job={job} actions={props.actions} /> : <span className="job-loading">{t('queue.loading')}</span>}
            </div>
          );
        })}
      </div>
    </div>
  );
}
