/** Shared start-up of the commands that need the engine: configuration, logger, engine. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createEngine } from '../engine';
import { reloadBandwidthOnSighup } from './bandwidth-reload';
import { resolveConfig, type ConfigFlags } from '../engine/config';
import { createLogger, fileSink } from '../engine/logger';
import { AppError } from '../../shared/errors';
import { systemClock, type Clock, type Engine, type EngineConfig, type Logger } from '../engine/types';
import { demoServicesFor } from '../localstack/services';

export function loadConfig(flags: ConfigFlags = {}): EngineConfig {
  return resolveConfig({ flags, env: process.env });
}

export function makeLogger(config: EngineConfig): Logger {
  return createLogger(config.logLevel, fileSink(config.dataDir));
}

/**
 * The engine's clock. PIXDROP_CLOCK_OFFSET_MS (tests only, like PIXDROP_FAULTS) moves it, so a test
 * can run the built CLI with a clock two hours off and see what a person with such a laptop sees.
 */
export function clockFor(env: NodeJS.ProcessEnv): Clock {
  const raw = env.PIXDROP_CLOCK_OFFSET_MS;
  if (raw === undefined || raw === '') return systemClock;
  const offset = Number(raw);
  if (!Number.isInteger(offset)) throw new AppError('CONFIG', `PIXDROP_CLOCK_OFFSET_MS must be a whole number of milliseconds (got "${raw}").`);
  return { now: () => Date.now() + offset };
}

export async function startEngine(
  config: EngineConfig,
  o: { watch?: boolean; start?: boolean; beforeStart?: (engine: Engine) => void } = {},
): Promise<{ engine: Engine; logger: Logger; clock: Clock }> {
  const logger = makeLogger(config);
  const clock = clockFor(process.env);
  const engine = await createEngine({
    config,
    logger,
    clock,
    startServices: demoServicesFor(config, logger),
    watch: o.watch,
    // The CLI runs from out/ (bundled): samples/ sits beside it at the repository root.
    samplesDir: path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../samples'),
    onLockWait: () => process.stderr.write(`pixdrop: another PixDrop is using ${config.dataDir}; waiting for it to finish…\n`),
    onLibrarySetAside: (message) => process.stderr.write(`pixdrop: ${message}\n`),
  });
  if (config.demoMode) {
    process.stderr.write(
      `pixdrop: demo mode — nothing is configured, so photos go to a local Cloudinary-compatible server and album backend (data in ${config.dataDir}/demo). Set CLOUDINARY_URL / PIXDROP_API_URL to upload for real.\n`,
    );
  }
  // `start: false` opens the engine without starting its queue (a dry run: nothing is sent).
  o.beforeStart?.(engine);
  if (o.start !== false) {
    await engine.start();
    reloadBandwidthOnSighup(engine);
  }
  return { engine, logger, clock };
}

/** Resolves on the first SIGINT/SIGTERM. */
export function untilSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const on = (signal: NodeJS.Signals) => {
      process.off('SIGINT', on);
      process.off('SIGTERM', on);
      resolve(signal);
    };
    process.on('SIGINT', on);
    process.on('SIGTERM', on);
  });
}
