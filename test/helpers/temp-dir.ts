/**
 * A temp dir as a vitest fixture: `useTempDir()` inside a test (or a beforeEach) gives a fresh directory that
 * is removed when that test finishes, passed or failed. (Playwright specs and a file's beforeAll use tempDir
 * from ./index.ts, removed when the file's run ends.)
 */
import { onTestFinished } from 'vitest';
import { removeTempDir, tempDir } from './index';

export function useTempDir(prefix = 'pixdrop-test-'): string {
  const dir = tempDir(prefix);
  onTestFinished(() => removeTempDir(dir));
  return dir;
}
