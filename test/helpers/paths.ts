/** Where things are, for tests: the repository, the built CLI, the shared photo fixtures. */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const fixturesDir = path.resolve(repoRoot, '../shared/fixtures/photos');
export const cliPath = path.join(repoRoot, 'bin/pixdrop.js');

export function requireBuiltCli(): void {
  if (!existsSync(path.join(repoRoot, 'out/cli.js'))) {
    throw new Error('out/cli.js is missing: run `npm run build` before these tests (npm test does).');
  }
}
