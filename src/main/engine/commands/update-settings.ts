/**
 * updateSettings as the API asks it: the patch checked, saved to the settings file, and applied to the
 * running engine where it can be (concurrency, chunk size, bandwidth limit, a token for the same backend).
 */
import type { SettingsPatch, SettingsView } from '../../../shared/api';
import { parseCloudinaryUrl } from '../cloudinary/config';
import { bandwidth } from '../config';
import type { EngineContext } from '../context';
import { sameUrl, updateSettings, type SecretCodec } from '../settings';
import { settingsView } from './api-methods';

export function applySettings(
  ctx: EngineContext,
  patch: SettingsPatch,
  o: { secretCodec?: SecretCodec; credentialsChanged(): void; wake(): void },
): SettingsView {
  const { config } = ctx;
  if (patch.cloudinaryUrl) parseCloudinaryUrl(patch.cloudinaryUrl); // refuse a malformed URL before saving it
  const limit = patch.bwlimit === undefined ? undefined : bandwidth('bwlimit', patch.bwlimit ?? 'off');
  const backendNow = config.demoMode ? null : config.backendUrl;
  updateSettings(config.dataDir, patch, o.secretCodec, { currentBackendUrl: backendNow });
  if (patch.concurrency) config.concurrency = patch.concurrency;
  if (patch.chunkSize) config.chunkSize = patch.chunkSize;
  if (limit !== undefined) config.bwlimit = limit; // read before every piece: transfers under way follow
  // A token for a new backend URL waits for the next start, when that URL is used: the running client still talks to the old one.
  if (patch.token && !config.demoMode && (patch.backendUrl === undefined || sameUrl(patch.backendUrl, backendNow))) {
    config.apiToken = patch.token;
    o.credentialsChanged();
  }
  o.wake();
  return settingsView(ctx);
}
