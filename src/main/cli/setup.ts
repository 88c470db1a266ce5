/** Shared start-up of the commands that need the engine: configuration, logger, engine. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createEngine } from '../engine';
import { resolveConfig, type ConfigFlags } from '../engine/config';
import { createLogger, fileSink } from '../engine/logger';
import type { Engine, EngineConfig, Logger } from '../engine/types';

export function loadConfig(flags: ConfigFlags = {}): EngineConfig {
  return resolveConfig({ flags, env: process.env });
}

export function makeLogger(config: EngineConfig): Logger {
  return createLogger(config.logLevel, fileSink(config.dataDir));
}

export async function startEngine(config: EngineConfig, o: { watch?: boolean } = {}): Promise<{ engine: Engine; logger: Logger }> {
  const logger = makeLogger(config);
  const engine = await createEngine({
    config,
    logger,
    watch: o.watch,
    // The CLI runs from out/ (bundled): samples/ sits beside it at the repository root.
    samplesDir: path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../samples'),
    onLockWait: () => process.stderr.write(`pixdrop: another PixDrop is using ${config.dataDir}; waiting for it to finish…\n`),
  });
  if (config.demoMode) {
    process.stderr.write(`pixdrop: demo mode — nothing is configured, so photos go to a local Cloudinary-compatible server and album backend (data in ${config.dataDir}/demo). Set CLOUDINARY_URL / PIXDROP_API_URL to upload for real.\n`);
  }
  await engine.start();
  return { engine, logger };
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
