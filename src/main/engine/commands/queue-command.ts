/**
 * One way into the engine for a command that changes the queue from outside (`pixdrop retry`): when
 * another process runs the engine on this data dir, the command is handed to it over the control
 * channel and takes effect there at once; otherwise this process opens the engine itself (taking the
 * instance lock), applies the command and closes it again. Never the library behind an engine's back.
 */
import type { Result } from '../../../shared/api';
import { AppError } from '../../../shared/errors';
import { createEngine, type CreateEngineOptions } from '../index';
import type { EngineConfig, Logger } from '../types';
import { callEngine } from './call-engine';
import { sendControlRequest, type ControlRequest } from './control-channel';

const lockHeld = (error: unknown) => error instanceof AppError && error.details?.lockHeld === true;

export async function runQueueCommand(o: {
  config: EngineConfig;
  logger: Logger;
  request: ControlRequest;
  /** The host's services for an engine opened here (see CreateEngineOptions.startServices). */
  startServices?: CreateEngineOptions['startServices'];
  /** How long to keep trying when the lock is held but its owner does not answer yet (it is starting, or stopping). */
  waitMs?: number;
}): Promise<{ handledBy: 'running' | 'this'; result: Result<unknown> }> {
  const deadline = Date.now() + (o.waitMs ?? 30_000);
  for (;;) {
    const answer = await sendControlRequest(o.config.dataDir, o.request);
    if (answer) return { handledBy: 'running', result: answer };
    try {
      const engine = await createEngine({ config: o.config, logger: o.logger, lockWaitMs: 0, startServices: o.startServices });
      try {
        return { handledBy: 'this', result: await callEngine(engine, o.request) };
      } finally {
        await engine.stop();
      }
    } catch (error) {
      if (!lockHeld(error) || Date.now() >= deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}
