/** `pixdrop bwlimit [RATE|TIMETABLE|off]`: show or save the upload limit, and tell a running pixdrop. */
import { rateAt } from '../../../shared/bandwidth';
import { bandwidth } from '../../engine/config';
import { loadSettings, updateSettings } from '../../engine/settings';
import { EXIT_OK } from '../exit';
import { formatBytes } from '../format';
import { runningCliPid } from '../bandwidth-reload';
import { loadConfig } from '../setup';

const describeNow = (spec: string | null) => {
  const rate = spec ? rateAt(bandwidth('bwlimit', spec), Date.now()) : null;
  return rate ? `${formatBytes(rate)}/s now` : 'unlimited now';
};

export function runBwlimit(spec: string | undefined): number {
  const config = loadConfig();
  if (spec === undefined) {
    const saved = loadSettings(config.dataDir).bwlimit;
    const text = saved === undefined || saved === null ? null : String(saved);
    process.stdout.write(`saved bandwidth limit: ${text ?? 'none (unlimited)'} (${describeNow(text)}); --bwlimit and PIXDROP_BWLIMIT override it at start\n`);
    return EXIT_OK;
  }
  const schedule = bandwidth('the bandwidth limit', spec); // refuses a malformed value before saving (exit 2)
  updateSettings(config.dataDir, { bwlimit: schedule?.spec ?? null });
  const pid = runningCliPid(config.dataDir);
  if (pid) process.kill(pid, 'SIGHUP');
  const where = pid
    ? `the pixdrop running now (pid ${pid}) follows it at once, transfers under way included`
    : 'no pixdrop command is running on this data dir, so it applies from the next start (the desktop app takes its limit from its own Settings)';
  process.stdout.write(`saved bandwidth limit: ${schedule?.spec ?? 'off (unlimited)'} (${describeNow(schedule?.spec ?? null)}); ${where}\n`);
  return EXIT_OK;
}
