/**
 * `pixdrop serve` in this process: a demo-mode engine started as the hosts start it (the demo services handed
 * in), and the web host on it with a one-line page of its own, for tests that call the engine's API over HTTP.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createEngine } from '../../src/main/engine';
import { resolveConfig } from '../../src/main/engine/config';
import { silentLogger } from '../../src/main/engine/logger';
import type { Engine } from '../../src/main/engine/types';
import { demoServicesFor } from '../../src/main/localstack/services';
import { startWebServer, type WebServer } from '../../src/main/web/server';
import { tempDir } from './index';

export interface DemoWebHost {
  engine: Engine;
  server: WebServer;
  dataDir: string;
  /** The page the web host serves (index.html). */
  rendererDir: string;
  /** http://127.0.0.1:PORT */
  base: string;
  /** The session token the web host printed. */
  token: string;
  close(): Promise<void>;
}

export async function startDemoWebHost(prefix = 'pixdrop-web-'): Promise<DemoWebHost> {
  const dataDir = tempDir(prefix);
  const rendererDir = path.join(dataDir, 'renderer');
  mkdirSync(rendererDir);
  writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>PixDrop</title><div id="root"></div>');
  const config = resolveConfig({ env: { PIXDROP_DATA_DIR: dataDir } });
  const engine = await createEngine({ config, logger: silentLogger, startServices: demoServicesFor(config, silentLogger) });
  await engine.start();
  const server = await startWebServer({ engine, port: 0, logger: silentLogger, rendererDir });
  const url = new URL(server.url);
  return {
    engine,
    server,
    dataDir,
    rendererDir,
    base: `${url.protocol}//${url.host}`,
    token: new URLSearchParams(url.hash.slice(1)).get('token')!,
    async close() {
      await server.close();
      await engine.stop();
    },
  };
}
