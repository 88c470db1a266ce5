/**
 * Builds the remote side for the configured mode: the album backend client (with its token
 * store) and the upload signer — local signing when the Cloudinary secret is here (CLOUDINARY_URL
 * or demo mode), remote signing by the backend otherwise. Also the reachability probe.
 */
import { stallTimeout } from '../net/stall';
import { createBackendClient, type BackendClient } from './client';
import { createRemoteSigner } from './remote-signer';
import { createLocalSigner, type UploadSigner } from '../cloudinary/upload';
import { sendRequest } from '../net/http-client';
import type { Db } from '../library/db';
import type { SecretCodec } from '../settings';
import { createTokenStore } from './token-store';
import type { Clock, EngineConfig, Logger } from '../types';

export interface Remote {
  backend: BackendClient;
  signerFor(albumId: string): UploadSigner;
  probe(): Promise<boolean>;
}

async function answers(url: string): Promise<boolean> {
  try {
    // A probe, not a call: any answer within a few seconds says "reachable"; no answer, "not yet" (probed again).
    const res = await sendRequest(url, { method: 'GET', idleTimeoutMs: 3000 });
    res.body.resume();
    return true;
  } catch {
    return false;
  }
}

export function createRemote(o: { db: Db; config: EngineConfig; clock: Clock; logger: Logger; secretCodec?: SecretCodec }): Remote {
  const { config } = o;
  if (!config.backendUrl) throw new Error('createRemote: the backend URL is not known yet');
  const backend = createBackendClient({
    baseUrl: config.backendUrl,
    tokens: createTokenStore({
      db: o.db,
      dataDir: config.dataDir,
      codec: o.secretCodec,
      configured: () => config.apiToken,
      persist: !config.demoMode,
      logger: o.logger,
    }),
    logger: o.logger.child('backend'),
    // A backend that takes a request and never answers is given up after the same stall timeout as a transfer.
    timeoutMs: stallTimeout(config.stallTimeoutMs),
  });
  const local = config.cloudinary ? createLocalSigner(config.cloudinary, o.clock) : null;
  const remoteSigners = new Map<string, UploadSigner>();
  return {
    backend,
    signerFor(albumId) {
      if (local) return local;
      let signer = remoteSigners.get(albumId);
      if (!signer) {
        signer = createRemoteSigner(backend, albumId, o.clock);
        remoteSigners.set(albumId, signer);
      }
      return signer;
    },
    async probe() {
      const targets = [`${config.backendUrl}/api/v1/albums`];
      if (config.cloudinary) targets.push(config.cloudinary.uploadPrefix);
      const results = await Promise.all(targets.map(answers));
      return results.every(Boolean);
    },
  };
}
