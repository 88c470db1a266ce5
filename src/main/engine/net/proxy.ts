/// <reference path="./proxy-from-env.d.ts" />
/**
 * HTTPS_PROXY / HTTP_PROXY / ALL_PROXY / NO_PROXY for every request the engine makes, uploads
 * included (hotel and office networks). The variables are read as curl reads them (proxy-from-env);
 * https targets go through a CONNECT tunnel (https-proxy-agent), http targets as absolute-URI
 * requests to the proxy (http-proxy-agent). Both keep connections alive, like the direct agents.
 *
 * This machine's loopback (127.0.0.1, localhost: demo mode's own servers) goes through a proxy only
 * when the proxy runs on this machine too: a proxy elsewhere cannot reach our 127.0.0.1.
 */
import type http from 'node:http';
import { isIP } from 'node:net';
import { checkServerIdentity, type PeerCertificate } from 'node:tls';
import { getProxyForUrl } from 'proxy-from-env';

const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i;

const agents = new Map<string, Promise<http.Agent>>();

/** The proxy for this target, or null to connect directly. */
export function proxyFor(target: URL): URL | null {
  const raw = getProxyForUrl(target);
  if (!raw) return null;
  let proxy: URL;
  try {
    proxy = new URL(raw);
  } catch {
    return null; // a malformed variable: said by `pixdrop doctor`, never a reason to fail a request
  }
  if (LOOPBACK.test(target.hostname) && !LOOPBACK.test(proxy.hostname)) return null;
  return proxy;
}

/**
 * A keep-alive agent through the proxy, one per proxy and target protocol. The agent libraries are
 * loaded on first use: without a proxy they would only add ~6 MB to every upload's memory (measured).
 */
export function proxyAgent(target: URL, proxy: URL, freeSocketMs: number): Promise<http.Agent> {
  const key = `${target.protocol}${proxy.href}`;
  let agent = agents.get(key);
  if (!agent) {
    const options = { keepAlive: true, timeout: freeSocketMs };
    agent =
      target.protocol === 'https:'
        ? import('https-proxy-agent').then(({ HttpsProxyAgent }) => new HttpsProxyAgent(proxy, options))
        : import('http-proxy-agent').then(({ HttpProxyAgent }) => new HttpProxyAgent(proxy, options));
    agents.set(key, agent);
  }
  return agent;
}

/**
 * https-proxy-agent (v7) opens the TLS session in the tunnel without the target's host when it is
 * an IP address, so the certificate would be checked against "localhost": check it against the target.
 */
export function tunnelOptions(target: URL): { checkServerIdentity?: (host: string, cert: PeerCertificate) => Error | undefined } {
  if (target.protocol !== 'https:' || !isIP(target.hostname.replace(/^\[|\]$/g, ''))) return {};
  const host = target.hostname.replace(/^\[|\]$/g, '');
  return { checkServerIdentity: (_ignored, cert) => checkServerIdentity(host, cert) };
}
