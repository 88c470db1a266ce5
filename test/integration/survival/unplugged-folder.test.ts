/**
 * A watched folder on a card or drive that goes away (here: moved out of its mount point, as an
 * unmount looks to a watcher) is reported unavailable — never as files deleted — and watching
 * resumes when it is back, with the photos added meanwhile reported once they are stable.
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

  it('is unavailable while gone, available again when back, and reports new photos once stable', async () => {
    const mount = tempDir('pixdrop-mount-');
    const card = path.join(mount, 'EOS_DIGITAL');
    const away = path.join(tempDir('pixdrop-away-'), 'EOS_DIGITAL');
    mkdirSync(card);
    const events: string[] = [];
    const stable: string[] = [];
    handle = await watchFolder(card, {
      stabilityMs: 300,
      pollMs: 200,
      onStable: (f) => stable.push(f.relativePath),
      onUnavailable: (reason) => events.push(`unavailable: ${reason}`),
      onAvailable: () => events.push('available'),
    });
    const photo = readFileSync(path.join(fixturesDir, 'cameras/olympus-pen-e-p3.jpg'));
    writeFileSync(path.join(card, 'A.jpg'), photo);
    await waitFor(() => stable.includes('A.jpg'), 10_000, 'the first photo');

    renameSync(card, away); // unplugged
    await waitFor(() => events.some((e) => e.startsWith('unavailable')), 10_000, 'unavailable');
    writeFileSync(path.join(away, 'B.jpg'), photo); // the camera wrote more meanwhile
    renameSync(away, card); // plugged back
    await waitFor(() => events.includes('available'), 10_000, 'available again');
    writeFileSync(path.join(card, 'C.jpg'), photo);
    await waitFor(() => stable.includes('C.jpg'), 10_000, 'a photo after the return');
    console.log(`watch events: ${events.join(' | ')}; stable files: ${stable.join(', ')}`);
    expect(events[0]).toMatch(/^unavailable: the folder disappeared/);
    expect(events.at(-1)).toBe('available');
    // B.jpg arrived while unplugged: the engine's rescan on return queues it (watch-manager), not the watcher.
    expect(stable.filter((f) => f === 'A.jpg')).toHaveLength(1);
  });
});
