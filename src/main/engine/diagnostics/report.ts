/** Puts the diagnostics together: what `pixdrop doctor --json` prints and the app can copy. */
import path from 'node:path';
import { defaultDataDir, resolveConfig } from '../config';
import { joinUrl } from '../backend/http';
import type { Clock, EngineConfig } from '../types';
import { summarizeCrashDumps, type CrashDumpSummary } from './crash-dumps';
import { checkServer, clockCheck, configProblem, configuration, dataDirHealth, lastErrors, modeOf, versions, type ServerCheck } from './checks';

export interface DiagnosticsReport {
  ok: boolean;
  versions: Record<string, string | null>;
  config: ReturnType<typeof configuration> | { error: string };
  servers: ServerCheck[];
  clock: ReturnType<typeof clockCheck>;
  data_dir: ReturnType<typeof dataDirHealth>;
  last_errors: string[];
  /** The desktop app's local crash dumps (never uploaded). */
  crash_dumps: CrashDumpSummary;
  /** Every finding that needs doing something, one sentence each. */
  problems: string[];
}

const DEFAULT_CLOUDINARY = 'https://api.cloudinary.com';

async function checkServers(config: EngineConfig, env: NodeJS.ProcessEnv, clock: Clock, running: boolean): Promise<ServerCheck[]> {
  // The demo servers live inside a running PixDrop: reachable only when asked from within it.
  if ((config.demoMode && !running) || !config.backendUrl) return [];
  const cloudinaryUrl = config.cloudinary?.uploadPrefix ?? env.CLOUDINARY_UPLOAD_PREFIX ?? DEFAULT_CLOUDINARY;
  const auth = config.apiToken ? { authorization: `Token token="${config.apiToken}"`, accept: 'application/json' } : undefined;
  return Promise.all([
    checkServer('Cloudinary', cloudinaryUrl, clock),
    checkServer('the album backend', joinUrl(config.backendUrl, '/api/v1/albums'), clock, auth),
  ]);
}

/**
 * `config`: the running engine's own (the app's diagnostics; its demo servers are then up and checked too);
 * absent, it is resolved from `env` as a new process would.
 */
export async function collectDiagnostics(o: { env: NodeJS.ProcessEnv; clock: Clock; version: string; config?: EngineConfig }): Promise<DiagnosticsReport> {
  const problems: string[] = [];
  let config: EngineConfig | null = o.config ?? null;
  try {
    config ??= resolveConfig({ env: o.env });
  } catch (error) {
    problems.push(configProblem(error));
  }
  const dataDir = config?.dataDir ?? path.resolve(o.env.PIXDROP_DATA_DIR || defaultDataDir(o.env));
  const servers = config ? await checkServers(config, o.env, o.clock, o.config !== undefined) : [];
  servers.filter((s) => !s.ok).forEach((s) => problems.push(s.message));
  const clock = clockCheck(servers, config ? modeOf(config) : 'demo');
  if (!clock.ok) problems.push(clock.message);
  const health = dataDirHealth(dataDir);
  problems.push(...health.problems);
  return {
    ok: problems.length === 0,
    versions: { ...versions(), pixdrop: o.version },
    config: config ? configuration(config, o.env) : { error: problems[0] },
    servers,
    clock,
    data_dir: health,
    last_errors: lastErrors(dataDir),
    crash_dumps: summarizeCrashDumps(dataDir),
    problems,
  };
}
