/** Where things are: the repository, the built CLI, the shared photo fixtures. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const fixturesDir = path.resolve(repoRoot, '../shared/fixtures/photos');
export const cliPath = path.join(repoRoot, 'bin/pixdrop.js');
export const workersDir = path.join(repoRoot, 'bench/workers');
