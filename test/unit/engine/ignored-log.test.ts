import { describe, expect, it } from 'vitest';
import type { EngineEvent } from '../../../src/shared/api';
import { createIgnoredLog } from '../../../src/main/engine/discover/ignored-log';

describe('the log of files not uploaded', () => {
  it('says each file once, again only when its reason changes, newest first, and forgets the oldest beyond its bound', () => {
    let now = 100;
    const events: EngineEvent[] = [];
    const log = createIgnoredLog({ now: () => now, emit: (e) => events.push(e), max: 3 });
    log.add([
      { path: '/card/notes.txt', reason: 'unsupported' },
      { path: '/card/a.NEF', reason: 'paired' },
    ]);
    now = 200;
    // A rescan finds the same files again: nothing new is said.
    log.add([
      { path: '/card/notes.txt', reason: 'unsupported' },
      { path: '/card/a.NEF', reason: 'paired' },
    ]);
    expect(events).toHaveLength(1);
    log.add([{ path: '/card/a.NEF', reason: 'filtered' }]);
    expect(events.at(-1)).toEqual({ type: 'filesIgnored', files: [{ path: '/card/a.NEF', reason: 'filtered', at: 200 }] });
    log.add([
      { path: '/card/.DS_Store', reason: 'junk' },
      { path: '/card/b.xmp', reason: 'sidecar' },
    ]);
    expect(log.list().map((f) => `${f.path} ${f.reason}`)).toEqual(['/card/b.xmp sidecar', '/card/.DS_Store junk', '/card/a.NEF filtered']);
  });
});
