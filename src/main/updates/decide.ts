/**
 * Whether the feed offers this installation an update: pure, so every rule is tested without I/O.
 *
 * Rules (the same electron-updater applies, stated once here):
 * - only a strictly newer semver version is an update; an older one is never installed (no downgrade);
 * - a prerelease (1.4.0-beta.2) is offered only on its channel (beta), never on latest;
 * - stagingPercentage N offers the update to N % of installations, chosen by their install id the way
 *   electron-updater chooses (bytes 12-15 of the id's UUID, read as a fraction of 2^32 - 1);
 * - the file is the one for this package kind (AppImage, deb, dmg's zip, exe), else the feed's first.
 */
import semver from 'semver';
import type { FeedFile, UpdateFeed } from './feed';

export type UpdateDecision =
  | { kind: 'available'; version: string; file: FeedFile & { url: string }; releaseDate: string | null; message: string }
  | { kind: 'up-to-date' | 'not-in-rollout' | 'other-channel'; version: string; message: string }
  | { kind: 'unreachable' | 'malformed' | 'unavailable'; version: null; message: string };

export interface DecisionInput {
  feed: UpdateFeed;
  /** The channel file's URL: file URLs in the feed are relative to it. */
  feedUrl: string;
  currentVersion: string;
  channel: string;
  installId: string;
  /** File name endings to prefer, in order ('AppImage', 'deb', 'zip', 'exe'). */
  fileKinds?: readonly string[];
}

/** 'beta' for 1.4.0-beta.2, 'latest' for a release. */
export function channelOf(version: string): string {
  const pre = semver.prerelease(version)?.[0];
  return typeof pre === 'string' && /^[a-z][a-z0-9-]*$/i.test(pre) ? pre.toLowerCase() : 'latest';
}

/** True when this installation falls inside the rollout's first `percentage` %. */
export function inRollout(percentage: number | undefined, installId: string): boolean {
  if (percentage === undefined || percentage >= 100) return true;
  const hex = installId.replace(/-/g, '');
  if (!/^[0-9a-f]{32}$/i.test(hex)) return true; // no usable id: electron-updater also lets it through
  const share = Buffer.from(hex, 'hex').readUInt32BE(12) / 0xffffffff;
  return share < percentage / 100;
}

export function decideUpdate(i: DecisionInput): UpdateDecision {
  const offered = semver.valid(i.feed.version);
  if (!offered)
    return {
      kind: 'malformed',
      version: null,
      message: `The update feed ${i.feedUrl} names version "${i.feed.version}", which is not a version number. PixDrop stays on ${i.currentVersion}.`,
    };
  if (!semver.gt(offered, i.currentVersion)) {
    const older = semver.lt(offered, i.currentVersion) ? ` (the feed offers ${offered}, older: PixDrop never goes back)` : '';
    return { kind: 'up-to-date', version: offered, message: `PixDrop ${i.currentVersion} is up to date${older}.` };
  }
  if (channelOf(offered) !== 'latest' && channelOf(offered) !== i.channel) {
    return {
      kind: 'other-channel',
      version: offered,
      message: `PixDrop ${i.currentVersion} is up to date (${offered} is a ${channelOf(offered)} version, not offered on ${i.channel}).`,
    };
  }
  if (!inRollout(i.feed.stagingPercentage, i.installId)) {
    return {
      kind: 'not-in-rollout',
      version: offered,
      message: `PixDrop ${offered} is being rolled out to ${i.feed.stagingPercentage} % of installations; this one gets it later.`,
    };
  }
  const file = pickFile(i.feed.files, i.fileKinds ?? []);
  return {
    kind: 'available',
    version: offered,
    file: { ...file, url: new URL(file.url, i.feedUrl).href },
    releaseDate: i.feed.releaseDate ?? null,
    message: `PixDrop ${offered} is available (you have ${i.currentVersion}).`,
  };
}

function pickFile(files: FeedFile[], kinds: readonly string[]): FeedFile {
  for (const kind of kinds) {
    const match = files.find((f) => f.url.toLowerCase().endsWith(`.${kind.toLowerCase()}`));
    if (match) return match;
  }
  return files[0];
}
