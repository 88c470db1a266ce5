/**
 * The packaged desktop app's Electron fuses, read and validated by electron-builder's own config
 * loader (the one `npm run dist` uses), so a misspelled key fails here and not silently at packaging.
 */
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { feedBaseUrl } from '../../../src/main/updates/check';
import { repoRoot } from '../../helpers/paths';

const require = createRequire(`${repoRoot}/package.json`);

interface BuilderConfig {
  asar?: boolean;
  publish?: { provider: string; url?: string }[];
  mac?: { target?: string[] };
  electronFuses?: Record<string, boolean>;
  extraResources?: Array<{ from: string; to: string; filter?: string[] }>;
}

async function loadBuilderConfig(): Promise<BuilderConfig> {
  const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
    getConfig(projectDir: string, configPath: string, fromOptions: null): Promise<BuilderConfig>;
    validateConfiguration(config: BuilderConfig, logger: unknown): Promise<void>;
  };
  const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };
  const config = await getConfig(repoRoot, 'electron-builder.yml', null);
  await validateConfiguration(config, new DebugLogger(false)); // throws on an unknown or mistyped key
  return config;
}

/** @electron/fuses' FuseV1Options names → electron-builder's electronFuses keys. */
const BUILDER_KEY: Record<string, string> = {
  RunAsNode: 'runAsNode',
  EnableCookieEncryption: 'enableCookieEncryption',
  EnableNodeOptionsEnvironmentVariable: 'enableNodeOptionsEnvironmentVariable',
  EnableNodeCliInspectArguments: 'enableNodeCliInspectArguments',
  EnableEmbeddedAsarIntegrityValidation: 'enableEmbeddedAsarIntegrityValidation',
  OnlyLoadAppFromAsar: 'onlyLoadAppFromAsar',
  LoadBrowserProcessSpecificV8Snapshot: 'loadBrowserProcessSpecificV8Snapshot',
  GrantFileProtocolExtraPrivileges: 'grantFileProtocolExtraPrivileges',
};

describe('electron-builder.yml', () => {
  it('turns off run-as-node, NODE_OPTIONS, --inspect and file:// privileges, and loads only the integrity-checked app.asar', async () => {
    const config = await loadBuilderConfig();
    expect(config.asar).toBe(true);
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      loadBrowserProcessSpecificV8Snapshot: false,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('sets every fuse this @electron/fuses knows, so a new one is a decision and not a default', async () => {
    const { FuseV1Options } = require('@electron/fuses') as { FuseV1Options: Record<string, string | number> };
    const known = Object.keys(FuseV1Options).filter((name) => Number.isNaN(Number(name)));
    const config = await loadBuilderConfig();
    const unmapped = known.filter((name) => !BUILDER_KEY[name]);
    expect(unmapped, 'a fuse electron-builder.yml does not set yet').toEqual([]);
    for (const name of known) expect(typeof config.electronFuses?.[BUILDER_KEY[name]], name).toBe('boolean');
  });

  it('ships samples/ (photos and SOURCES.md) as an extra resource, where samplesDirFor looks in a packaged app', async () => {
    const config = await loadBuilderConfig();
    expect(config.extraResources).toEqual([{ from: 'samples', to: 'samples', filter: ['**/*'] }]);
  });

  it('publishes updates to one generic feed, the one the app reads back from app-update.yml; the Mac build has the zip electron-updater installs', async () => {
    const config = await loadBuilderConfig();
    expect(config.publish).toEqual([{ provider: 'generic', url: 'https://updates.pixdrop.example.com/desktop/' }]);
    // electron-builder writes app-update.yml from this entry (provider, url, updaterCacheDirName).
    const appUpdateYml = `provider: generic\nurl: ${config.publish![0].url}\nupdaterCacheDirName: pixdrop-updater\n`;
    expect(feedBaseUrl({}, appUpdateYml)).toBe('https://updates.pixdrop.example.com/desktop/');
    expect(config.mac?.target).toContain('zip');
  });
});
