/**
 * Where the built decode worker is: beside the bundle that runs (out/cli.js; out/electron/main.cjs is
 * one folder down), or under the checkout's out/ when the sources run under the test runner.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const WORKER_FILE = 'heic-decode-worker.cjs';

export function decodeWorkerScript(start = path.dirname(fileURLToPath(import.meta.url))): string | null {
  for (let dir = start; ; dir = path.dirname(dir)) {
    for (const candidate of [path.join(dir, WORKER_FILE), path.join(dir, 'out', WORKER_FILE)]) {
      // The packaged app keeps it unpacked beside app.asar (electron-builder.yml asarUnpack): a thread starts from a plain file.
      const unpacked = candidate.replace(`${path.sep}app.asar${path.sep}`, `${path.sep}app.asar.unpacked${path.sep}`);
      if (unpacked !== candidate && existsSync(unpacked)) return unpacked;
      if (existsSync(candidate)) return candidate;
    }
    if (path.dirname(dir) === dir) return null;
  }
}
