/**
 * The queue as a grid of photos or a list of rows, virtualized either way: only the rows on
 * screen exist in the DOM, and only their pages are fetched, so 50,000 files scroll as smoothly
 * as 50. The arrow keys move between files (one tab stop), Enter opens the photo panel, Space selects,
 * Shift with an arrow extends the selection.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import { useT } from '../../i18n/I18nProvider';
import type { JobPager } from '../../state/jobPager';
import { useGridColumns } from '../../state/useGridColumns';
import { useRovingFocus } from '../../state/useRovingFocus';
import type { JobSelection } from '../../state/useJobSelection';
import type { ViewMode } from '../../state/useViewMode';
import { JobRow, type JobActions } from './JobRow';
import { JobTile } from './JobTile';

const ROW_HEIGHT = 64;
/** A tile's name, then its tick box and buttons, below the picture (4:3); as --tile-footer in tokens.css. */
const TILE_FOOTER = 64;
const TILE_GAP = 8;
/** The list's top and bottom border. */
const LIST_BORDERS = 2;

export function JobList(props: { pager: JobPager; actions: JobActions; emptyText: string; mode: ViewMode; selection: JobSelection }) {
  const t = useT();
  const { pager, mode } = props;
  const scroller = useRef<HTMLDivElement>(null);
  const empty = pager.loaded && pager.total === 0;
  const grid = useGridColumns(scroller, mode === 'grid', !empty);
  const columns = mode === 'grid' ? grid.columns : 1;
  const rowHeight = mode === 'grid' ? Math.round(grid.tileWidth * 0.75) + TILE_FOOTER + TILE_GAP : ROW_HEIGHT;
  const rows = Math.ceil(pager.total / columns);
  const virtualizer = useVirtualizer({
    count: rows,
    getScrollElement: () => scroller.current,
    estimateSize: () => rowHeight,
    overscan: mode === 'grid' ? 2 : 10,
  });
  useEffect(() => virtualizer.measure(), [virtualizer, rowHeight]);
  const items = virtualizer.getVirtualItems();
  const first = (items[0]?.index ?? 0) * columns;
  const last = Math.min(pager.total - 1, ((items[items.length - 1]?.index ?? 0) + 1) * columns - 1);
  useEffect(() => pager.ensureRange(first, Math.max(first, last)), [pager, first, last]);
  const roving = useRovingFocus({
    count: pager.total,
    columns,
    pageItems: Math.max(1, items.length - 2) * columns,
    container: scroller,
    scrollTo: (index) => virtualizer.scrollToIndex(Math.floor(index / columns)),
    onOpen: (index) => {
      const job = pager.rowAt(index);
      if (job) props.actions.open(job.id);
    },
    onSelect: (index, how) => props.selection.toggle(index, how === 'range'),
  });

  if (empty) return <p className="empty-state">{props.emptyText}</p>;
  const { selected, toggle } = props.selection;
  const focusFor = (index: number, jobId: number) => ({
    index,
    focusable: roving.active === index,
    onItemFocus: roving.onItemFocus,
    selected: selected.has(jobId),
    onSelect: toggle,
  });
  return (
    <div
      ref={scroller}
      className={`job-list job-list-${mode}`}
      role="list"
      aria-label={t('queue.listLabel')}
      aria-describedby="queue-keys-hint"
      data-testid="job-list"
      data-view={mode}
      // A whole row of tiles always fits, names and buttons included, however little room the window leaves.
      style={mode === 'grid' ? { minHeight: rowHeight + TILE_GAP + LIST_BORDERS } : undefined}
      onKeyDown={roving.onKeyDown}
      onKeyUp={roving.onKeyUp}
    >
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {items.map((item) => {
          const start = item.index * columns;
          const indices = Array.from({ length: Math.min(columns, pager.total - start) }, (_, i) => start + i);
          return (
            <div
              key={item.key}
              className={mode === 'grid' ? 'job-grid-row' : 'job-row'}
              style={{
                height: rowHeight,
                transform: `translateY(${item.start}px)`,
                ...(mode === 'grid' ? { gridTemplateColumns: `repeat(${columns}, minmax(0, 1fr))` } : {}),
              }}
            >
              {indices.map((index) => {
                const job = pager.rowAt(index);
                return (
                  <div key={index} role="listitem" aria-setsize={pager.total} aria-posinset={index + 1} className="job-cell">
                    {!job ? (
                      <span className="job-loading">{t('queue.loading')}</span>
                    ) : mode === 'grid' ? (
                      <JobTile job={job} actions={props.actions} {...focusFor(index, job.id)} />
                    ) : (
                      <JobRow job={job} actions={props.actions} {...focusFor(index, job.id)} />
                    )}
                  </div>
                );
              })}
            </div>
          );
        })}
      </div>
    </div>
  );
}
