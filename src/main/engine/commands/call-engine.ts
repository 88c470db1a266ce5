/** A control request (from another process, see control-channel.ts) answered by the engine's own API. */
import type { Result } from '../../../shared/api';
import type { Engine } from '../types';
import type { ControlRequest } from './control-channel';

/** The engine's own answer to a control request; a method that is not handled does not compile. */
export function callEngine(engine: Engine, request: ControlRequest): Promise<Result<unknown>> {
  switch (request.method) {
    case 'retryJobs':
      return engine.retryJobs(request.ids);
    case 'pauseJobs':
      return engine.pauseJobs(request.ids);
    case 'resumeJobs':
      return engine.resumeJobs(request.ids);
    case 'cancelJobs':
      return engine.cancelJobs(request.ids);
    case 'setBandwidth':
      return engine.updateSettings({ bwlimit: request.bwlimit });
    case 'listAlbums':
      return engine.listAlbums();
    default: {
      const unknown: never = request;
      throw new Error(`unhandled control request ${JSON.stringify(unknown)}`);
    }
  }
}
