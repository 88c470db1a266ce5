import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const repoRoot = path.dirname(fileURLToPath(import.meta.url));

/** The renderer only. base './' so the same build loads from app://pixdrop/ in Electron and from `pixdrop serve`. */
export default defineConfig({
  root: path.join(repoRoot, 'src/renderer'),
  base: './',
  plugins: [react()],
  build: {
    outDir: path.join(repoRoot, 'out/renderer'),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    // No inline <script>/<style>: the served page runs under a strict CSP.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
  },
});
