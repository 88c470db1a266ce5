// Builds everything that runs outside the test runner:
//   out/cli.js              the `pixdrop` CLI (engine, local stack, web host), ESM, Node 20
//   out/electron/main.cjs   the Electron main process (CJS; electron stays external)
//   out/preload/index.cjs   the sandboxed preload (must be CJS)
//   out/renderer/           the React UI (Vite)
// Dependencies stay external (native better-sqlite3 among them), so the bundles stay small and fast to build.
import { build } from 'esbuild';
import { existsSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(fileURLToPath(new URL('..', import.meta.url)));
const at = (p) => path.join(root, p);

const node = { bundle: true, platform: 'node', target: 'node20', packages: 'external', sourcemap: 'linked', logLevel: 'warning' };

const targets = [
  // Split so that what only some commands need (the demo stack, the web server) is loaded by those alone.
  { entry: 'src/main/cli/index.ts', out: 'out/cli.js', format: 'esm', splitting: true },
  // import.meta.url made from __filename: the engine's code finds files beside its bundle in either format.
  { entry: 'src/main/electron/main.ts', out: 'out/electron/main.cjs', format: 'cjs', importMetaUrl: true },
  { entry: 'src/preload/index.ts', out: 'out/preload/index.cjs', format: 'cjs' },
  // The HEIC decode worker thread, found beside out/cli.js (and one folder up from out/electron/).
  { entry: 'src/main/engine/thumbnails/heic-decode-worker.ts', out: 'out/heic-decode-worker.cjs', format: 'cjs' },
];

async function buildNode() {
  for (const t of targets) {
    if (!existsSync(at(t.entry))) {
      console.warn(`build: skipped ${t.out} (${t.entry} does not exist yet)`);
      continue;
    }
    const where = t.splitting
      ? { splitting: true, outdir: path.dirname(at(t.out)), entryNames: path.basename(t.out, '.js'), chunkNames: 'cli-[name]-[hash]' }
      : { outfile: at(t.out) };
    const meta = t.importMetaUrl
      ? { define: { 'import.meta.url': '__importMetaUrl' }, banner: { js: "const __importMetaUrl = require('node:url').pathToFileURL(__filename).href;" } }
      : {};
    await build({ ...node, ...where, ...meta, entryPoints: [at(t.entry)], format: t.format, external: ['electron'] });
  }
}

async function buildRenderer() {
  if (!existsSync(at('src/renderer/index.html'))) {
    console.warn('build: skipped out/renderer (src/renderer/index.html does not exist yet)');
    return;
  }
  const { build: viteBuild } = await import('vite');
  await viteBuild({ configFile: at('vite.config.ts'), logLevel: 'warn' });
}

rmSync(at('out'), { recursive: true, force: true });
await buildNode();
await buildRenderer();
console.log('build: done');
