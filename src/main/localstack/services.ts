/**
 * What a host hands createEngine as `startServices`: in demo mode (nothing configured) the local servers,
 * loaded only then (see demo.ts); otherwise nothing. Kept apart from demo.ts so that importing it loads
 * no server code.
 */
import type { CreateEngineOptions } from '../engine';
import type { EngineConfig, Logger } from '../engine/types';

export function demoServicesFor(config: EngineConfig, logger: Logger): CreateEngineOptions['startServices'] {
  if (!config.demoMode) return undefined;
  return async (resolved) => (await import('./demo')).demoServices(resolved, logger);
}
