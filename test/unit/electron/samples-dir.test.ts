/** The sample photos are found in the packaged app (beside app.asar) and when run from the repository. */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { samplesDirFor } from '../../../src/main/electron/samples-dir';
import { repoRoot } from '../../helpers/paths';

describe('samplesDirFor', () => {
  it('a packaged app reads them from its resources folder, outside app.asar', () => {
    const resources = path.join(path.sep, 'opt', 'PixDrop', 'resources');
    expect(samplesDirFor({ packaged: true, resourcesPath: resources, outDir: path.join(resources, 'app.asar', 'out') })).toBe(path.join(resources, 'samples'));
  });

  it('run from the repository, they are samples/ beside out/: the real folder with photos and their licences', () => {
    const dir = samplesDirFor({ packaged: false, resourcesPath: '/usr/lib/electron/resources', outDir: path.join(repoRoot, 'out') });
    expect(dir).toBe(path.join(repoRoot, 'samples'));
    expect(existsSync(path.join(dir, 'SOURCES.md'))).toBe(true);
    expect(readdirSync(dir).filter((name) => name.endsWith('.jpg')).length).toBeGreaterThanOrEqual(5);
  });

  it('a packaged app without a resources path (never seen) still points somewhere sensible', () => {
    expect(samplesDirFor({ packaged: true, resourcesPath: undefined, outDir: path.join(repoRoot, 'out') })).toBe(path.join(repoRoot, 'samples'));
  });
});
