/**
 * One update check, start to end: find the feed, read it, decide. Never throws: an unreachable or
 * damaged feed is an answer (kind + a sentence for the person), the app carries on as it is.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { load } from 'js-yaml';
import { channelFileName, channelFileUrl, readFeed } from './feed';
import { channelOf, decideUpdate, type UpdateDecision } from './decide';

export interface UpdateCheckOptions {
  /** The folder holding the channel files (null: this build has no feed). */
  feedBaseUrl: string | null;
  currentVersion: string;
  platform: NodeJS.Platform;
  arch: string;
  installId: string;
  fileKinds?: readonly string[];
  signal?: AbortSignal;
}

export async function checkForUpdate(o: UpdateCheckOptions): Promise<UpdateDecision> {
  if (!o.feedBaseUrl) {
    return {
      kind: 'unavailable',
      version: null,
      message: 'This build of PixDrop has no update feed (updates come with the installed app; PIXDROP_UPDATE_URL names one for testing).',
    };
  }
  const channel = channelOf(o.currentVersion);
  const url = channelFileUrl(o.feedBaseUrl, channelFileName(channel, o.platform, o.arch));
  const read = await readFeed(url, { signal: o.signal });
  if (!read.ok) return { kind: read.kind, version: null, message: read.message };
  return decideUpdate({ feed: read.feed, feedUrl: url, currentVersion: o.currentVersion, channel, installId: o.installId, fileKinds: o.fileKinds });
}

/**
 * Where updates come from: PIXDROP_UPDATE_URL when set (testing a feed), else the generic
 * provider's url electron-builder writes into the packaged app's app-update.yml (from the publish
 * entry of electron-builder.yml). Null when neither exists (a development build).
 */
export function feedBaseUrl(env: NodeJS.ProcessEnv, appUpdateYml: string | null): string | null {
  const override = env.PIXDROP_UPDATE_URL?.trim();
  if (override) return override;
  if (!appUpdateYml) return null;
  try {
    const config = load(appUpdateYml) as { provider?: unknown; url?: unknown } | null;
    return config?.provider === 'generic' && typeof config.url === 'string' ? config.url : null;
  } catch {
    return null;
  }
}

const INSTALL_ID_FILE = 'update-id';

/** A random id for this installation, kept in the data dir: it places it in staged rollouts. */
export function installId(dataDir: string): string {
  const file = path.join(dataDir, INSTALL_ID_FILE);
  if (existsSync(file)) {
    const saved = readFileSync(file, 'utf8').trim();
    if (/^[0-9a-f-]{36}$/i.test(saved)) return saved;
  }
  const id = randomUUID();
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(file, `${id}\n`);
  return id;
}
