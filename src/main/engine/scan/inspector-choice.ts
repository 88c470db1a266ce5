/**
 * Which inspector an engine gets: the worker pool when its built script is there (the CLI, the
 * desktop app), this thread otherwise (code run from source, e.g. under the test runner).
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { createInspectPool } from './inspect-pool';
import { inProcessInspector, type Inspector } from './inspector';

/** More threads than cores only add memory; past four the disk is the limit anyway. */
export function inspectThreadCount(cores = availableParallelism()): number {
  return Math.max(1, Math.min(4, cores));
}

export function inspectorFor(script: string | undefined): Inspector {
  if (!script || !existsSync(script)) return inProcessInspector;
  return createInspectPool({ script, threads: inspectThreadCount() });
}
