/**
 * Where the sample photos are. A packaged app carries them outside app.asar, as an extra resource
 * (electron-builder.yml `extraResources` → <resources>/samples), so the engine reads them as plain
 * files; run from the repository (npm start) they are samples/ at its root, beside out/.
 * Pure: the caller says whether the app is packaged and where its folders are.
 */
import path from 'node:path';

export function samplesDirFor(o: { packaged: boolean; resourcesPath: string | undefined; outDir: string }): string {
  if (o.packaged && o.resourcesPath) return path.join(o.resourcesPath, 'samples');
  return path.resolve(o.outDir, '..', 'samples');
}
