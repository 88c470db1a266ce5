/** Where things are, for tests (defined in ./index.ts). */
export { cliPath, fixturesDir, repoRoot, requireBuiltCli } from './index';
