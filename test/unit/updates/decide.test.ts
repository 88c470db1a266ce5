/**
 * The update rules without I/O: versions, channels, the rollout share (placed exactly as
 * electron-updater places an installation) and the choice of file.
 */
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { channelOf, decideUpdate, inRollout } from '../../../src/main/updates/decide';
import { channelFileName, parseFeed } from '../../../src/main/updates/feed';
import { feedBaseUrl } from '../../../src/main/updates/check';

const require = createRequire(import.meta.url);
const SHA = `${'A'.repeat(86)}==`;
const feed = (version: string, more: object = {}) => ({
  version,
  files: [
    { url: 'PixDrop.exe', sha512: SHA },
    { url: 'PixDrop.AppImage', sha512: SHA, size: 3 },
  ],
  ...more,
});
const decide = (version: string, current: string, more: object = {}, fileKinds?: string[]) =>
  decideUpdate({
    feed: feed(version, more),
    feedUrl: 'https://updates.example.com/desktop/latest.yml',
    currentVersion: current,
    channel: channelOf(current),
    installId: randomUUID(),
    fileKinds,
  });

describe('update decision', () => {
  it('names the channel files as electron-updater does', () => {
    expect(channelFileName('latest', 'win32', 'x64')).toBe('latest.yml');
    expect(channelFileName('latest', 'darwin', 'arm64')).toBe('latest-mac.yml');
    expect(channelFileName('latest', 'linux', 'x64')).toBe('latest-linux.yml');
    expect(channelFileName('beta', 'linux', 'arm64')).toBe('beta-linux-arm64.yml');
    expect(channelOf('1.4.0-beta.2')).toBe('beta');
    expect(channelOf('1.4.0')).toBe('latest');
  });

  it('offers only a strictly newer version', () => {
    expect(decide('0.10.0', '0.9.9').kind).toBe('available'); // semver, not text order
    expect(decide('0.9.9', '0.10.0').kind).toBe('up-to-date');
    expect(decide('1.0.0', '1.0.0').kind).toBe('up-to-date');
    expect(decide('1.0.0', '1.0.0-beta.3').kind).toBe('available'); // the release after its beta
  });

  it('picks the file of this package kind, else the first', () => {
    const pick = (kinds?: string[]) => {
      const d = decide('2.0.0', '1.0.0', {}, kinds);
      return d.kind === 'available' ? d.file.url : null;
    };
    expect(pick(['AppImage'])).toBe('https://updates.example.com/desktop/PixDrop.AppImage');
    expect(pick(['deb', 'AppImage'])).toBe('https://updates.example.com/desktop/PixDrop.AppImage');
    expect(pick()).toBe('https://updates.example.com/desktop/PixDrop.exe');
  });

  it('places an installation in a staged rollout exactly as electron-updater does', () => {
    const { UUID } = require('builder-util-runtime') as { UUID: { parse(id: string): Buffer } };
    for (let i = 0; i < 500; i += 1) {
      const id = randomUUID();
      const theirs = UUID.parse(id).readUInt32BE(12) / 0xffffffff; // AppUpdater.isStagingMatch
      for (const pct of [0, 1, 25, 50, 99]) expect(inRollout(pct, id)).toBe(theirs < pct / 100);
    }
    expect(inRollout(undefined, randomUUID())).toBe(true);
    expect(inRollout(100, randomUUID())).toBe(true);
  });

  it('reads the update url from app-update.yml, and PIXDROP_UPDATE_URL over it', () => {
    const yml = 'provider: generic\nurl: https://updates.pixdrop.example.com/desktop/\nupdaterCacheDirName: pixdrop-updater\n';
    expect(feedBaseUrl({}, yml)).toBe('https://updates.pixdrop.example.com/desktop/');
    expect(feedBaseUrl({ PIXDROP_UPDATE_URL: 'http://127.0.0.1:8080/feed/' }, yml)).toBe('http://127.0.0.1:8080/feed/');
    expect(feedBaseUrl({}, 'provider: github\nowner: x\n')).toBeNull();
    expect(feedBaseUrl({}, null)).toBeNull();
  });

  it('takes an unquoted releaseDate (a YAML timestamp) as its ISO text', () => {
    const read = parseFeed(`version: 1.0.0\nfiles:\n  - url: a.exe\n    sha512: ${SHA}\nreleaseDate: 2026-11-30T10:00:00.000Z\n`, 'https://x/latest.yml');
    expect(read).toMatchObject({ ok: true, feed: { releaseDate: '2026-11-30T10:00:00.000Z' } });
  });
});
