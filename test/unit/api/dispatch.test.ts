import { describe, expect, it } from 'vitest';
import type { ApiMethod, PixdropApi, Result, SettingsView } from '../../../src/shared/api';
import { AppError } from '../../../src/shared/errors';
import { createApiDispatcher } from '../../../src/main/api/dispatch';
import type { Logger } from '../../../src/main/engine/types';

const SECRET_TOKEN = 'eyJhbGciOiJIUzI1NiJ9.super-secret-token-value';
const SECRET_URL = 'cloudinary://123456:very-secret-api-secret@demo';

const settings: SettingsView = {
  backendUrl: null,
  autoUpdate: true,
  crashReports: false,
  crashDumps: { dir: '/home/me/.config/pixdrop/crash-dumps', count: 2, newestAt: 1_700_000_000_000 },
  hasToken: true,
  hasCloudinaryUrl: true,
  cloudName: 'demo',
  concurrency: 3,
  chunkSize: 20_000_000,
  demoMode: false,
};

/** A tiny api that records what reached it and answers ok with the arguments it got. */
function recordingApi(overrides: Partial<PixdropApi> = {}) {
  const calls: { method: string; args: unknown[] }[] = [];
  const answer =
    (method: string) =>
    async (...args: unknown[]) => {
      calls.push({ method, args });
      // Settings answers are re-shaped on the way out, so they must look like a SettingsView.
      const value = method.endsWith('Settings') ? settings : { echoed: args };
      return { ok: true, value } as Result<never>;
    };
  const api = new Proxy({} as PixdropApi, {
    get: (_t, method: string) => (overrides as Record<string, unknown>)[method] ?? answer(method),
  });
  return { api, calls };
}

function memoryLogger() {
  const lines: string[] = [];
  const log = (level: string) => (message: string, fields?: Record<string, unknown>) => void lines.push(`${level} ${message} ${JSON.stringify(fields ?? {})}`);
  const logger: Logger = { error: log('error'), warn: log('warn'), info: log('info'), debug: log('debug'), child: () => logger };
  return { logger, lines };
}

const abs = process.platform === 'win32' ? 'C:\\Photos\\2024' : '/home/ana/Photos/2024';

const goodCalls: [ApiMethod, unknown[]][] = [
  ['getStatus', []],
  ['listAlbums', []],
  ['createAlbum', ['Wedding 2024']],
  ['listAlbumImages', ['42']],
  ['addPaths', [[abs], { albumId: '42' }]],
  ['addPaths', [[abs, abs], { albumFromFolder: true }]],
  ['listJobs', [{}]],
  ['listJobs', [{ filter: 'failed', albumId: '7', offset: 0, limit: 200 }]],
  ['getPhoto', [1]],
  ['editPhoto', [3, { title: 'Sunset', description: '' }]],
  ['retryJobs', ['all-failed']],
  ['retryJobs', [[1, 2, 3]]],
  ['pauseJobs', ['all']],
  ['resumeJobs', [[9]]],
  ['listWatches', []],
  ['addWatch', [abs, { albumId: 'a1' }]],
  ['addWatch', [abs, { albumFromFolder: true, mode: 'leaf' }, { exclude: ['rejects/**'], rawJpeg: 'jpeg', onChange: 'skip', videos: false }]],
  ['planPaths', [[abs], { albumFromFolder: true }, { include: ['*.jpg'], takenFrom: '2024-06-01', takenTo: '2024-06-02T18:30' }]],
  ['listIgnored', []],
  ['removeWatch', [5]],
  ['getSettings', []],
  ['updateSettings', [{ concurrency: 16, chunkSize: 5_242_880, backendUrl: 'https://albums.example.com', token: SECRET_TOKEN }]],
  ['updateSettings', [{ backendUrl: null, cloudinaryUrl: SECRET_URL }]],
  ['updateSettings', [{ bwlimit: '08:00,1M 19:00,off' }]],
  ['updateSettings', [{ bwlimit: null }]],
  ['updateSettings', [{ autoUpdate: false, crashReports: true }]],
  ['chooseFolder', []],
];

describe('createApiDispatcher: well-formed calls', () => {
  it.each(goodCalls)('%s passes its arguments through unchanged', async (method, args) => {
    const { api, calls } = recordingApi();
    const result = await createApiDispatcher(api)(method, args);
    expect(result).toEqual({ ok: true, value: method.endsWith('Settings') ? settings : { echoed: args } });
    expect(calls).toEqual([{ method, args }]);
  });
});

const badCalls: [string, ApiMethod, unknown, RegExp][] = [
  ['args not an array', 'getStatus', { 0: 1 }, /must be an array of 0 argument/],
  ['extra argument', 'getStatus', [1], /expected 0 argument/],
  ['missing argument', 'getPhoto', [], /expected 1 argument\(s\) \(jobId\)/],
  ['wrong type', 'createAlbum', [42], /name: .*expected string/],
  ['blank album name', 'createAlbum', ['   '], /name: /],
  ['huge string', 'createAlbum', ['x'.repeat(100_000)], /name: .*<=255/],
  ['relative path', 'addPaths', [['Photos/2024'], { albumId: '1' }], /paths\[0\]: must be an absolute path/],
  ['NUL in path', 'addWatch', [`${abs}\u0000/etc`, { albumId: '1' }], /path: must not contain a NUL byte/],
  ['empty path list', 'addPaths', [[], { albumId: '1' }], /paths: /],
  ['path too long', 'addWatch', [`${abs}/${'a'.repeat(5000)}`, { albumId: '1' }], /path: .*<=4096/],
  ['extra key in target', 'addPaths', [[abs], { albumId: '1', admin: true }], /target has unknown field\(s\) "admin"/],
  ['both target kinds', 'addWatch', [abs, { albumId: '1', albumFromFolder: true }], /target has unknown field/],
  ['albumFromFolder false', 'addWatch', [abs, { albumFromFolder: false }], /target/],
  ['a date that is none', 'addWatch', [abs, { albumId: '1' }, { takenFrom: 'last week' }], /rules\.takenFrom: must be a date YYYY-MM-DD/],
  // The form right, the day impossible: refused as the CLI's --from refuses it (shared/taken-date.ts).
  ['a day not on the calendar', 'addWatch', [abs, { albumId: '1' }, { takenFrom: '2015-02-30' }], /rules\.takenFrom: is no such day/],
  ['an hour not on the clock', 'planPaths', [[abs], { albumFromFolder: true }, { takenTo: '2015-02-10T25:00' }], /rules\.takenTo: is no such day or time/],
  ['an unknown --raw-jpeg mode', 'planPaths', [[abs], { albumId: '1' }, { rawJpeg: 'tiff' }], /rules\.rawJpeg/],
  ['an unknown rule', 'addPaths', [[abs], { albumId: '1' }, { deleteAfter: true }], /rules has unknown field\(s\) "deleteAfter"/],
  ['NaN id', 'getPhoto', [Number.NaN], /jobId: .*NaN/],
  ['Infinity id', 'removeWatch', [Number.POSITIVE_INFINITY], /id: /],
  ['negative id', 'getPhoto', [-1], /jobId: /],
  ['fractional id', 'getPhoto', [1.5], /jobId: .*int/],
  ['string id', 'getPhoto', ['1'], /jobId: .*expected number/],
  ['fractional id in list', 'retryJobs', [[1, 2.5]], /jobIds\[1\]: /],
  ['unknown retry keyword', 'retryJobs', ['all'], /jobIds: expected array or "all-failed"/],
  ['unknown query key', 'listJobs', [{ filter: 'all', sql: 'drop' }], /query has unknown field\(s\) "sql"/],
  ['bad filter', 'listJobs', [{ filter: 'everything' }], /query\.filter: /],
  ['huge page', 'listJobs', [{ limit: 1e9 }], /query\.limit: /],
  ['concurrency 0', 'updateSettings', [{ concurrency: 0 }], /patch\.concurrency: /],
  ['concurrency 17', 'updateSettings', [{ concurrency: 17 }], /patch\.concurrency: /],
  ['chunk below 5 MiB', 'updateSettings', [{ chunkSize: 5_242_879 }], /patch\.chunkSize: .*5242880/],
  ['non-http backend', 'updateSettings', [{ backendUrl: 'file:///etc/passwd' }], /patch\.backendUrl: must be an http/],
  ['bad bandwidth', 'updateSettings', [{ bwlimit: 'fast' }], /patch\.bwlimit: must be a rate such as 2M, 500k/],
  ['unknown settings key', 'updateSettings', [{ apiSecret: 'x' }], /patch has unknown field\(s\) "apiSecret"/],
  ['autoUpdate not a boolean', 'updateSettings', [{ autoUpdate: 'yes' }], /patch\.autoUpdate: /],
  ['crashReports not a boolean', 'updateSettings', [{ crashReports: 1 }], /patch\.crashReports: /],
  ['edit with extra key', 'editPhoto', [1, { title: 't', metadatas: {} }], /edit has unknown field/],
  ['null edit', 'editPhoto', [1, null], /edit: /],
];

describe('createApiDispatcher: malformed calls', () => {
  it.each(badCalls)('refuses %s, naming the field', async (_name, method, args, message) => {
    const { api, calls } = recordingApi();
    const result = await createApiDispatcher(api)(method, args);
    expect(result).toEqual({ ok: false, error: { code: 'REJECTED', message: expect.stringMatching(message) } });
    expect(calls).toEqual([]);
  });

  it.each(['deleteEverything', '__proto__', 'constructor', 'subscribe', 'toString'])('refuses the unknown method %s', async (method) => {
    const { api, calls } = recordingApi();
    const result = await createApiDispatcher(api)(method, []);
    expect(result).toEqual({ ok: false, error: { code: 'REJECTED', message: expect.stringContaining('Unknown API method') } });
    expect(calls).toEqual([]);
  });

  it('never echoes or logs a malformed secret', async () => {
    const { api } = recordingApi();
    const { logger, lines } = memoryLogger();
    const badToken = `${SECRET_TOKEN} with spaces`;
    const badUrl = 'https://123456:very-secret-api-secret@demo';
    const dispatch = createApiDispatcher(api, { logger });
    const results = [
      await dispatch('updateSettings', [{ token: badToken }]),
      await dispatch('updateSettings', [{ cloudinaryUrl: badUrl }]),
      await dispatch('updateSettings', [{ token: 'x'.repeat(20_000) }]),
    ];
    for (const result of results) expect(result.ok).toBe(false);
    const everything = JSON.stringify(results) + lines.join('\n');
    expect(everything).toContain('patch.token');
    expect(everything).toContain('patch.cloudinaryUrl');
    expect(everything).not.toContain('super-secret');
    expect(everything).not.toContain('very-secret');
    expect(everything).not.toContain('xxxxxxxxxx');
  });
});

describe('createApiDispatcher: answers', () => {
  it('passes an error Result from the api through untouched', async () => {
    const failure = { ok: false as const, error: { code: 'AUTH' as const, message: 'Token expired: paste a new one in Settings.' } };
    const { api } = recordingApi({ listAlbums: async () => failure });
    expect(await createApiDispatcher(api)('listAlbums', [])).toEqual(failure);
  });

  it('turns a thrown AppError into its view and an unexpected throw into INTERNAL', async () => {
    const { logger, lines } = memoryLogger();
    const { api } = recordingApi({
      listAlbums: async () => {
        throw new AppError('OFFLINE', 'The album server cannot be reached.');
      },
      getStatus: async () => {
        throw new TypeError('boom');
      },
    });
    const dispatch = createApiDispatcher(api, { logger });
    expect(await dispatch('listAlbums', [])).toEqual({ ok: false, error: { code: 'OFFLINE', message: 'The album server cannot be reached.' } });
    const internal = await dispatch('getStatus', []);
    expect(internal).toMatchObject({ ok: false, error: { code: 'INTERNAL', message: expect.stringContaining('boom') } });
    expect(lines.some((l) => l.startsWith('error api call failed') && l.includes('getStatus'))).toBe(true);
  });

  it('refuses to forward an answer that is not a Result', async () => {
    const { api } = recordingApi({ listWatches: async () => [] as never });
    expect(await createApiDispatcher(api)('listWatches', [])).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  });

  it('strips anything beyond SettingsView, so a secret slipped into the view never crosses', async () => {
    const leaky = { ...settings, token: SECRET_TOKEN, cloudinaryUrl: SECRET_URL, apiSecret: 'very-secret-api-secret' };
    const { api } = recordingApi({
      getSettings: async () => ({ ok: true, value: leaky }),
      updateSettings: async () => ({ ok: true, value: leaky }),
    });
    const dispatch = createApiDispatcher(api);
    for (const result of [await dispatch('getSettings', []), await dispatch('updateSettings', [{ token: SECRET_TOKEN }])]) {
      expect(result).toEqual({ ok: true, value: settings });
      expect(JSON.stringify(result)).not.toMatch(/secret/);
    }
  });
});
