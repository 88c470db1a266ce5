/**
 * Changing the upload limit of a running `pixdrop`: SIGHUP makes it read the limit saved in the
 * data dir (`kill -HUP <pid>`; `pixdrop bwlimit RATE` hands the limit over the control channel instead). The engine reads the limit
 * before every piece it sends, so transfers under way take the new rate without restarting.
 */
import { bandwidth } from '../engine/config';
import { loadSettings } from '../engine/settings';
import type { Engine } from '../engine/types';

/** Takes the saved limit now; a saved value that does not parse is said and the old limit kept. */
export function reloadBandwidth(engine: Engine, say: (line: string) => void): void {
  try {
    const saved = loadSettings(engine.config.dataDir).bwlimit;
    if (saved === undefined) {
      say('pixdrop: SIGHUP: no bandwidth limit is saved (`pixdrop bwlimit RATE` saves one); the limit stays as it was.');
      return;
    }
    engine.config.bwlimit = saved === null ? null : bandwidth('The saved bandwidth limit', saved);
    say(`pixdrop: bandwidth limit now ${engine.config.bwlimit?.spec ?? 'off (unlimited)'}, from the saved settings; transfers under way follow it.`);
  } catch (error) {
    say(`pixdrop: SIGHUP: ${error instanceof Error ? error.message : String(error)} The limit stays as it was.`);
  }
}

export function reloadBandwidthOnSighup(engine: Engine): () => void {
  const on = () => reloadBandwidth(engine, (line) => process.stderr.write(`${line}\n`));
  process.on('SIGHUP', on);
  return () => process.off('SIGHUP', on);
}
