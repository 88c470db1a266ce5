/**
 * Bundles the engine's own TypeScript modules (the very code the CLI runs) into one ESM file
 * that plain .mjs bench scripts can import. Dependencies stay external and resolve from the
 * repository's node_modules, which is why the bundle lives inside bench/.cache.
 */
import { build } from 'esbuild';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from './paths.mjs';

export const bundlePath = path.join(repoRoot, 'bench/.cache/engine.mjs');

const ENTRY = `
export { startCloudinaryServer } from './src/main/localstack/cloudinary-server';
export { startAlbumBackend } from './src/main/localstack/album-backend';
export { openLibrary } from './src/main/engine/library/db';
export { upsertFile } from './src/main/engine/library/files';
export { CLAIM_SQL, ensureJob, claimNextJobs, updateJob } from './src/main/engine/library/jobs';
export { countByStatus, getJobView, listJobViews } from './src/main/engine/library/job-views';
export { createScheduler } from './src/main/engine/queue/scheduler';
export { recordFound, enqueuePaths, emptyResult } from './src/main/engine/commands/enqueue';
export { inspectPhoto } from './src/main/engine/read/inspect';
export { walkPhotos } from './src/main/engine/discover/walk';
export { createEngine } from './src/main/engine/index';
export { demoServicesFor } from './src/main/localstack/services';
export { resolveConfig } from './src/main/engine/config';
`;

export async function bundleEngine() {
  mkdirSync(path.dirname(bundlePath), { recursive: true });
  await build({
    stdin: { contents: ENTRY, resolveDir: repoRoot, loader: 'ts', sourcefile: 'bench-entry.ts' },
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    packages: 'external',
    outfile: bundlePath,
    sourcemap: 'linked',
    logLevel: 'warning',
  });
  return bundlePath;
}
