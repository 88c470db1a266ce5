/**
 * Changing the upload limit of a running `pixdrop`: SIGHUP makes it read the limit saved in the
 * data dir (`pixdrop bwlimit RATE` saves it and sends the signal). The engine reads the limit
 * before every piece it sends, so transfers under way take the new rate without restarting.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
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

/**
 * The pid of the `pixdrop` command running on this data dir, if there is one. Only a process
 * whose command line shows it is this CLI is named: SIGHUP would end a process that does not handle it.
 */
export function runningCliPid(dataDir: string): number | null {
  try {
    const pid = Number(readFileSync(path.join(dataDir, 'pixdrop.lock'), 'utf8').trim());
    if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid) return null;
    const command = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    return /pixdrop|cli\.js/.test(command) && !/electron/i.test(command) ? pid : null;
  } catch {
    return null;
  }
}
