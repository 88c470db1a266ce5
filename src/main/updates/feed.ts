/**
 * The update feed as electron-updater's generic provider publishes it: `<base>/<channel file>`
 * (latest.yml on Windows, latest-mac.yml, latest-linux.yml, latest-linux-arm64.yml…), YAML with
 * version, files[{url, sha512, size}], path, sha512, releaseDate and an optional stagingPercentage.
 * Read here with the same YAML parser electron-updater uses (js-yaml), checked with zod, so a feed
 * that would make electron-updater fail is said clearly before it is asked.
 */
import { load } from 'js-yaml';
import { z } from 'zod';
import { readText, sendRequest } from '../engine/net/http-client';

/** A feed or a listing bigger than this is not an update feed. */
const FEED_CAP_BYTES = 1024 * 1024;
const FEED_TIMEOUT_MS = 15_000;

const base64Sha512 = z.string().regex(/^[A-Za-z0-9+/]{86}==$/, 'must be a base64 sha512 (88 characters)');

const feedFile = z.object({
  url: z.string().min(1).max(2_048),
  sha512: base64Sha512,
  size: z.number().int().nonnegative().optional(),
});

const feedSchema = z.object({
  version: z.string().min(1).max(256),
  files: z.array(feedFile).min(1).max(64),
  path: z.string().optional(),
  sha512: base64Sha512.optional(),
  // js-yaml turns an unquoted timestamp into a Date.
  releaseDate: z.union([z.string(), z.date().transform((d) => d.toISOString())]).optional(),
  stagingPercentage: z.number().min(0).max(100).optional(),
});

export type UpdateFeed = z.infer<typeof feedSchema>;
export type FeedFile = z.infer<typeof feedFile>;

export type FeedRead = { ok: true; feed: UpdateFeed; url: string } | { ok: false; kind: 'unreachable' | 'malformed'; message: string };

/** The channel file's name, as electron-updater's providers name it for this platform. */
export function channelFileName(channel: string, platform: NodeJS.Platform, arch: string): string {
  if (platform === 'linux') return `${channel}-linux${arch === 'x64' ? '' : `-${arch}`}.yml`;
  return platform === 'darwin' ? `${channel}-mac.yml` : `${channel}.yml`;
}

export function channelFileUrl(baseUrl: string, fileName: string): string {
  return new URL(fileName, baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`).href;
}

/** Parses a channel file's text; every problem is one sentence naming the feed. */
export function parseFeed(text: string, url: string): FeedRead {
  let raw: unknown;
  try {
    raw = load(text);
  } catch (error) {
    return malformed(url, `it is not YAML (${(error as Error).message.split('\n')[0]})`);
  }
  const parsed = feedSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue.path.length > 0 ? issue.path.join('.') : 'the file';
    return malformed(url, `${where} ${issue.message.toLowerCase()}`);
  }
  return { ok: true, feed: parsed.data, url };
}

/** Fetches and parses the channel file; never throws. */
export async function readFeed(url: string, o: { signal?: AbortSignal } = {}): Promise<FeedRead> {
  let text: string;
  try {
    const answer = await sendRequest(url, {
      method: 'GET',
      headers: { accept: 'application/x-yaml, text/yaml, */*', 'cache-control': 'no-cache' },
      idleTimeoutMs: FEED_TIMEOUT_MS,
      signal: o.signal,
    });
    if (answer.status !== 200) {
      answer.body.resume();
      return {
        ok: false,
        kind: 'unreachable',
        message: `The update server answered HTTP ${answer.status} for ${url}; PixDrop stays on this version and asks again later.`,
      };
    }
    text = await readText(answer.body, { maxBytes: FEED_CAP_BYTES });
  } catch (error) {
    const why = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    return {
      ok: false,
      kind: 'unreachable',
      message: `The update server ${new URL(url).origin} could not be reached (${why}); PixDrop stays on this version and asks again later.`,
    };
  }
  return parseFeed(text, url);
}

function malformed(url: string, why: string): FeedRead {
  return { ok: false, kind: 'malformed', message: `The update feed ${url} is damaged: ${why}. PixDrop stays on this version.` };
}
