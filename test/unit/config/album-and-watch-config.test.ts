/** The album-cache age, the rescan interval and the test switch for file events, read from the environment. */
import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../../src/main/engine/config';
import { useTempDir } from '../../helpers/temp-dir';

const dataDir = () => useTempDir('pixdrop-config-');

describe('album and watch settings', () => {
  it('are unset by default (the engine uses 10 min and 5 min, file events on)', () => {
    expect(resolveConfig({ env: {}, dataDir: dataDir() })).toMatchObject({
      albumCacheMaxAgeMs: undefined,
      rescanIntervalMs: undefined,
      watchEvents: undefined,
    });
  });

  it('are read from PIXDROP_ALBUM_CACHE_MAX_AGE_MS, PIXDROP_RESCAN_INTERVAL_MS and PIXDROP_WATCH_EVENTS', () => {
    const env = { PIXDROP_ALBUM_CACHE_MAX_AGE_MS: '0', PIXDROP_RESCAN_INTERVAL_MS: '1500', PIXDROP_WATCH_EVENTS: 'off' };
    expect(resolveConfig({ env, dataDir: dataDir() })).toMatchObject({ albumCacheMaxAgeMs: 0, rescanIntervalMs: 1500, watchEvents: 'off' });
  });

  it('refuse bad values with one line naming the variable', () => {
    expect(() => resolveConfig({ env: { PIXDROP_RESCAN_INTERVAL_MS: '50' }, dataDir: dataDir() })).toThrow(
      /^PIXDROP_RESCAN_INTERVAL_MS must be a whole number of milliseconds, at least 200 \(got "50"\)\.$/,
    );
    expect(() => resolveConfig({ env: { PIXDROP_ALBUM_CACHE_MAX_AGE_MS: 'soon' }, dataDir: dataDir() })).toThrow(/^PIXDROP_ALBUM_CACHE_MAX_AGE_MS must be/);
    expect(() => resolveConfig({ env: { PIXDROP_WATCH_EVENTS: 'no' }, dataDir: dataDir() })).toThrow(
      /^PIXDROP_WATCH_EVENTS must be on, off or folders \(got "no"\)\.$/,
    );
    expect(resolveConfig({ env: { PIXDROP_WATCH_EVENTS: 'folders' }, dataDir: dataDir() })).toMatchObject({ watchEvents: 'folders' });
  });
});
