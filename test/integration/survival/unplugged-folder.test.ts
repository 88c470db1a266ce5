/**
 * A watched folder on a card or drive that goes away (here: moved out of its mount point, as an
 * unmount looks to a watcher) is reported unavailable — never as files deleted — and watching
 * resumes when it is back, and a photo written after the return is said again (the folder that changed).
 */
import { mkdirSync, renameSync, writeFileSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { watchFolder, type WatchHandle } from '../../../src/main/engine/discover/watcher';
import { fixturesDir } from '../../helpers/paths';
import { tempDir } from '../../helpers/stack';
import { waitFor } from './harness';

describe('a watched folder that is unplugged and plugged back', () => {
  let handle: WatchHandle | null = null;
  afterEach(async () => handle?.close());

  it('is unavailable while gone, available again when back, and says where photos appear before and after', async () => {
    const mount = tempDir('pixdrop-mount-');
    const card = path.join(mount, 'EOS_DIGITAL');
    const away = path.join(tempDir('pixdrop-away-'), 'EOS_DIGITAL');
    mkdirSync(card);
    const events: string[] = [];
    const changed: string[] = [];
    handle = await watchFolder(card, {
      stabilityMs: 300,
      pollMs: 200,
      onStable: () => undefined,
      onChanged: (folder) => changed.push(folder),
      onUnavailable: (reason) => events.push(`unavailable: ${reason}`),
      onAvailable: () => events.push('available'),
    });
    const photo = readFileSync(path.join(fixturesDir, 'cameras/olympus-pen-e-p3.jpg'));
    writeFileSync(path.join(card, 'A.jpg'), photo);
    await waitFor(() => changed.includes(card), 10_000, 'the first photo');
    const beforeUnplug = changed.length;

    renameSync(card, away); // unplugged
    await waitFor(() => events.some((e) => e.startsWith('unavailable')), 10_000, 'unavailable');
    writeFileSync(path.join(away, 'B.jpg'), photo); // the camera wrote more meanwhile
    renameSync(away, card); // plugged back
    await waitFor(() => events.includes('available'), 10_000, 'available again');
    const afterReturn = changed.length;
    writeFileSync(path.join(card, 'C.jpg'), photo);
    await waitFor(() => changed.length > afterReturn, 10_000, 'a photo after the return');
    console.log(`watch events: ${events.join(' | ')}; folders said changed: ${changed.length} (${beforeUnplug} before unplugging)`);
    expect(events[0]).toMatch(/^unavailable: the folder disappeared/);
    expect(events.at(-1)).toBe('available');
    // B.jpg arrived while unplugged: the engine's rescan on return queues it (watch-manager); the watcher says where files change.
    expect(new Set(changed)).toEqual(new Set([card]));
  });
});
