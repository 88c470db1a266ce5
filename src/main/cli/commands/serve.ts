/** `pixdrop serve`: the engine plus the full UI as a local web page, until SIGINT. */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startWebServer } from '../../web/server';
import { EXIT_OK, UsageError } from '../exit';
import { loadConfig, startEngine, untilSignal } from '../setup';

function rendererDir(): string {
  // out/cli.js (and its chunks beside it, out/cli-*.js) → out/renderer
  return path.join(path.dirname(fileURLToPath(import.meta.url)), 'renderer');
}

function openBrowser(url: string): void {
  const command = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open';
  const child = spawn(command, [url], { stdio: 'ignore', detached: true });
  child.on('error', () => process.stderr.write(`pixdrop: could not open a browser; open the address above yourself.\n`));
  child.unref();
}

export async function runServe(o: { port?: string; open?: boolean }): Promise<number> {
  const port = o.port === undefined ? 0 : Number(o.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be a number from 0 to 65535 (got "${o.port}").`);
  const config = loadConfig();
  const { engine, logger } = await startEngine(config, { watch: true });
  const server = await startWebServer({ engine, port, logger: logger.child('web'), rendererDir: rendererDir() }).catch(async (error: unknown) => {
    await engine.stop();
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    throw new UsageError(`port ${port} on 127.0.0.1 is taken by another program. Give another --port, or leave --port out to get a free one.`);
  });
  process.stdout.write(`PixDrop is running at ${server.url}\n`);
  // Not server.url: a browser's command line is readable by every local user; a one-time code is not worth stealing.
  if (o.open) openBrowser(server.launchUrl());
  await untilSignal();
  await server.close();
  await engine.stop();
  return EXIT_OK;
}
