/**
 * The system's proxy for the desktop engine. Chromium knows it (OS settings, PAC files, WPAD):
 * session.resolveProxy(url) answers in PAC form ("PROXY host:port; DIRECT"). The engine reads
 * proxies the way curl does, from HTTPS_PROXY / HTTP_PROXY / NO_PROXY, so the system's choice for
 * each server the engine talks to is handed over in those variables, before the engine starts.
 * Variables set by the person (any *_PROXY) win: then the system is not asked.
 */
import type { Session } from 'electron';
import type { EngineConfig, Logger } from '../engine/types';

export type ProxyRule = { kind: 'direct' } | { kind: 'proxy'; url: string } | { kind: 'unsupported'; rule: string };

const PROXY_VARIABLES = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy', 'ALL_PROXY', 'all_proxy'];
const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i;

/** The first rule of a PAC answer; SOCKS is not something the engine's proxy support speaks. */
export function parseProxyRule(answer: string): ProxyRule {
  const first = answer.split(';')[0]?.trim() ?? '';
  const [type, hostPort] = first.split(/\s+/);
  if (!type || type.toUpperCase() === 'DIRECT') return { kind: 'direct' };
  const scheme = ({ PROXY: 'http', HTTP: 'http', HTTPS: 'https' } as Record<string, string>)[type.toUpperCase()];
  if (!scheme || !hostPort || !URL.canParse(`${scheme}://${hostPort}`)) return { kind: 'unsupported', rule: first };
  return { kind: 'proxy', url: `${scheme}://${hostPort}` };
}

export interface SystemProxyPlan {
  /** Variables to set (none when the person's own are set or the system says DIRECT everywhere). */
  variables: Record<string, string>;
  /** One line each for the log: what was found and why something was not used. */
  notes: string[];
}

/** Asks the system for each server the engine will talk to; never throws (a failed lookup is direct). */
export async function planSystemProxy(session: Pick<Session, 'resolveProxy'>, targets: readonly string[], env: NodeJS.ProcessEnv): Promise<SystemProxyPlan> {
  const own = PROXY_VARIABLES.filter((name) => env[name]);
  if (own.length > 0) return { variables: {}, notes: [`proxy from the environment (${own.join(', ')}); the system proxy is not asked`] };
  const variables: Record<string, string> = {};
  const direct: string[] = [];
  const notes: string[] = [];
  for (const target of new Set(targets)) {
    const url = new URL(target);
    if (LOOPBACK.test(url.hostname)) continue;
    const rule = parseProxyRule(await session.resolveProxy(url.href).catch(() => 'DIRECT'));
    const variable = url.protocol === 'https:' ? 'HTTPS_PROXY' : 'HTTP_PROXY';
    if (rule.kind === 'direct') direct.push(url.hostname);
    else if (rule.kind === 'unsupported')
      notes.push(`the system proxy for ${url.host} is "${rule.rule}", which PixDrop cannot use; set HTTPS_PROXY to an http(s) proxy`);
    else if (!variables[variable]) variables[variable] = rule.url;
    else if (variables[variable] !== rule.url)
      notes.push(`the system names another proxy for ${url.host} (${rule.url}); ${variables[variable]} is used for all ${url.protocol} servers`);
  }
  if (Object.keys(variables).length === 0) return { variables: {}, notes };
  if (direct.length > 0) variables.NO_PROXY = [...(env.NO_PROXY ?? env.no_proxy ?? '').split(',').filter(Boolean), ...direct].join(',');
  notes.push(
    `system proxy: ${Object.entries(variables)
      .map(([k, v]) => `${k}=${v}`)
      .join(' ')}`,
  );
  return { variables, notes };
}

/**
 * Before the engine starts: the servers it will talk to get the system's proxy, unless the
 * environment names one. `env` is process.env in the app: the engine's requests read it there.
 */
export async function applySystemProxy(
  session: Pick<Session, 'resolveProxy'>,
  config: Pick<EngineConfig, 'demoMode' | 'cloudinary' | 'backendUrl'>,
  env: NodeJS.ProcessEnv,
  logger: Pick<Logger, 'info'>,
): Promise<void> {
  if (config.demoMode) return; // demo mode talks to this computer only
  const cloudinary = config.cloudinary?.uploadPrefix ?? env.CLOUDINARY_UPLOAD_PREFIX ?? 'https://api.cloudinary.com';
  const plan = await planSystemProxy(session, [cloudinary, ...(config.backendUrl ? [config.backendUrl] : [])], env);
  Object.assign(env, plan.variables);
  plan.notes.forEach((note) => logger.info(note));
}
