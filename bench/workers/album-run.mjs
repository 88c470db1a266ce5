/**
 * One `upload` of a folder into an album by the engine (as `pixdrop upload --album` does), with a
 * fresh library, either asking the album first (the engine's behaviour) or blind (config
 * askAlbumFirst: false, the behaviour before). Args: <engine bundle> <folder> <album id> <ask-first|blind>
 * Environment: the PIXDROP_* / CLOUDINARY_URL variables of the local stack. Prints one JSON line.
 */
import { mkdirSync } from 'node:fs';

const [bundle, folder, albumId, mode] = process.argv.slice(2);
const engine = await import(bundle);
const quiet = { error() {}, warn() {}, info() {}, debug() {}, child: () => quiet };

const config = { ...engine.resolveConfig({ env: process.env }), askAlbumFirst: mode !== 'blind' };
mkdirSync(config.dataDir, { recursive: true });
const t0 = performance.now();
const pixdrop = await engine.createEngine({ config, logger: quiet });
await pixdrop.start();
const result = await pixdrop.enqueuePaths([folder], { albumId });
await pixdrop.waitUntilSettled(result.jobIds);
const wallMs = performance.now() - t0;
const status = await pixdrop.getStatus();
await pixdrop.stop();
console.log(JSON.stringify({ mode, queued: result.queued, wallMs, byStatus: status.ok ? status.value.queue.byStatus : null }));
