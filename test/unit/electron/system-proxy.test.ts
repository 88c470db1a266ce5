/**
 * The system proxy handed to the engine: Electron's resolveProxy answers (stood in for here) become
 * HTTPS_PROXY / HTTP_PROXY / NO_PROXY, the variables the engine's requests read; a person's own
 * proxy variables win, SOCKS (which the engine cannot speak) is said, loopback is never asked.
 */
import { describe, expect, it } from 'vitest';
import { applySystemProxy, parseProxyRule, planSystemProxy } from '../../../src/main/electron/system-proxy';

function systemWith(answers: Record<string, string>) {
  const asked: string[] = [];
  return {
    asked,
    session: {
      resolveProxy: async (url: string) => {
        asked.push(url);
        const host = new URL(url).hostname;
        if (answers[host] === 'THROW') throw new Error('proxy resolution failed');
        return answers[host] ?? 'DIRECT';
      },
    },
  };
}

describe('system proxy', () => {
  it.each([
    ['DIRECT', { kind: 'direct' }],
    ['', { kind: 'direct' }],
    ['PROXY proxy.office.lan:3128', { kind: 'proxy', url: 'http://proxy.office.lan:3128' }],
    ['PROXY proxy.office.lan:3128; DIRECT', { kind: 'proxy', url: 'http://proxy.office.lan:3128' }],
    ['HTTPS secure-proxy.example.com:443', { kind: 'proxy', url: 'https://secure-proxy.example.com:443' }],
    ['SOCKS5 127.0.0.1:1080', { kind: 'unsupported', rule: 'SOCKS5 127.0.0.1:1080' }],
  ])('reads the PAC answer "%s"', (answer, rule) => {
    expect(parseProxyRule(answer)).toEqual(rule);
  });

  it('hands the proxy the system gives for Cloudinary and the backend over as HTTPS_PROXY', async () => {
    const { session, asked } = systemWith({ 'api.cloudinary.com': 'PROXY proxy.hotel.net:8080', 'albums.example.com': 'PROXY proxy.hotel.net:8080' });
    const plan = await planSystemProxy(session, ['https://api.cloudinary.com', 'https://albums.example.com/', 'http://127.0.0.1:5000'], {});
    expect(asked).toEqual(['https://api.cloudinary.com/', 'https://albums.example.com/']);
    expect(plan.variables).toEqual({ HTTPS_PROXY: 'http://proxy.hotel.net:8080' });
    expect(plan.notes).toEqual(['system proxy: HTTPS_PROXY=http://proxy.hotel.net:8080']);
  });

  it("a server the system reaches directly goes in NO_PROXY beside the person's own entries", async () => {
    const { session } = systemWith({ 'api.cloudinary.com': 'PROXY proxy.office.lan:3128', 'albums.intranet': 'DIRECT' });
    const plan = await planSystemProxy(session, ['https://api.cloudinary.com', 'https://albums.intranet'], { NO_PROXY: 'printer.lan' });
    expect(plan.variables).toEqual({ HTTPS_PROXY: 'http://proxy.office.lan:3128', NO_PROXY: 'printer.lan,albums.intranet' });
  });

  it('sets nothing when the system says DIRECT everywhere, or a lookup fails', async () => {
    const { session } = systemWith({ 'albums.example.com': 'THROW' });
    expect(await planSystemProxy(session, ['https://api.cloudinary.com', 'https://albums.example.com'], {})).toEqual({ variables: {}, notes: [] });
  });

  it("leaves the person's own proxy variables alone and does not ask the system", async () => {
    const { session, asked } = systemWith({ 'api.cloudinary.com': 'PROXY other:1' });
    const plan = await planSystemProxy(session, ['https://api.cloudinary.com'], { https_proxy: 'http://mine:3128' });
    expect(plan.variables).toEqual({});
    expect(asked).toEqual([]);
    expect(plan.notes).toEqual(['proxy from the environment (https_proxy); the system proxy is not asked']);
  });

  it('says when the system proxy is SOCKS, which PixDrop cannot use', async () => {
    const { session } = systemWith({ 'api.cloudinary.com': 'SOCKS5 socks.lan:1080' });
    const plan = await planSystemProxy(session, ['https://api.cloudinary.com'], {});
    expect(plan.variables).toEqual({});
    expect(plan.notes).toEqual([
      'the system proxy for api.cloudinary.com is "SOCKS5 socks.lan:1080", which PixDrop cannot use; set HTTPS_PROXY to an http(s) proxy',
    ]);
  });

  it("before the engine starts, puts the system's proxy into the environment the engine reads, and leaves demo mode alone", async () => {
    const { session, asked } = systemWith({ 'api.cloudinary.com': 'PROXY proxy.hotel.net:8080', 'albums.example.com': 'DIRECT' });
    const logged: string[] = [];
    const env: NodeJS.ProcessEnv = { PATH: '/usr/bin' };
    await applySystemProxy(session, { demoMode: false, cloudinary: null, backendUrl: 'https://albums.example.com' }, env, { info: (m) => logged.push(m) });
    expect(env).toEqual({ PATH: '/usr/bin', HTTPS_PROXY: 'http://proxy.hotel.net:8080', NO_PROXY: 'albums.example.com' });
    expect(logged).toEqual(['system proxy: HTTPS_PROXY=http://proxy.hotel.net:8080 NO_PROXY=albums.example.com']);

    const demoEnv: NodeJS.ProcessEnv = {};
    asked.length = 0;
    await applySystemProxy(session, { demoMode: true, cloudinary: null, backendUrl: null }, demoEnv, { info: () => {} });
    expect(demoEnv).toEqual({});
    expect(asked).toEqual([]);
  });
});
