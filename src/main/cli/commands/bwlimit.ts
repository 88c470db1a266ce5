/** `pixdrop bwlimit [RATE|TIMETABLE|off]`: show or save the upload limit, and tell a running pixdrop. */
import { rateAt } from '../../../shared/bandwidth';
import { bandwidth } from '../../engine/config';
import { loadSettings, updateSettings } from '../../engine/settings';
import { EXIT_OK } from '../exit';
import { formatBytes } from '../format';
import { sendControlRequest } from '../../engine/commands/control-channel';
import { loadConfig } from '../setup';

const describeNow = (spec: string | null) => {
  const rate = spec ? rateAt(bandwidth('bwlimit', spec), Date.now()) : null;
  return rate ? `${formatBytes(rate)}/s now` : 'unlimited now';
};

export async function runBwlimit(spec: string | undefined): Promise<number> {
  const config = loadConfig();
  if (spec === undefined) {
    const saved = loadSettings(config.dataDir).bwlimit;
    const text = saved === undefined || saved === null ? null : String(saved);
    process.stdout.write(`saved bandwidth limit: ${text ?? 'none (unlimited)'} (${describeNow(text)}); --bwlimit and PIXDROP_BWLIMIT override it at start\n`);
    return EXIT_OK;
  }
  const schedule = bandwidth('the bandwidth limit', spec); // refuses a malformed value before saving (exit 2)
  const bwlimit = schedule?.spec ?? null;
  // A PixDrop running on this data dir (upload, watch, serve, the app) takes it over its control channel and saves it;
  // with none running, it is saved here for the next start.
  const answer = await sendControlRequest(config.dataDir, { method: 'setBandwidth', bwlimit }, 5_000).catch(() => null);
  const taken = answer?.ok === true;
  if (!taken) updateSettings(config.dataDir, { bwlimit });
  const where = taken
    ? 'the PixDrop running now follows it at once, transfers under way included'
    : answer && !answer.ok
      ? `the PixDrop running now refused it (${answer.error.message}); it is saved for the next start`
      : 'no PixDrop is running on this data dir, so it applies from the next start';
  process.stdout.write(`saved bandwidth limit: ${schedule?.spec ?? 'off (unlimited)'} (${describeNow(schedule?.spec ?? null)}); ${where}\n`);
  return EXIT_OK;
}
