#!/usr/bin/env node
// Entry of the `pixdrop` command: runs the bundled CLI (built by `npm run build`, which `npm ci` runs).
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const bundle = fileURLToPath(new URL('../out/cli.js', import.meta.url));
if (!existsSync(bundle)) {
  console.error('pixdrop: the program is not built yet (out/cli.js is missing). Run `npm run build` in the repository, then try again.');
  process.exit(2);
}
await import(pathToFileURL(bundle).href);
