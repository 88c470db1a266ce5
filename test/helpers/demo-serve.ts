/**
 * The built `pixdrop serve` in demo mode (the default with nothing configured) as a real child
 * process: engine, web host, local Cloudinary-compatible server and album backend in one process,
 * as a user runs it. A request that makes any of them throw ends this process, which the tests see.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { createTokenKit } from '../../src/main/localstack/backend/tokens';
import type { DemoState } from '../../src/main/localstack/demo';
import { systemClock } from '../../src/main/engine/types';
import { cliPath, repoRoot, requireBuiltCli } from './paths';
import { tempDir } from './stack';

export type { DemoState };

export interface DemoServe {
  child: ChildProcess;
  dataDir: string;
  state: DemoState;
  /** The web host's port and session token. */
  webPort: number;
  webToken: string;
  /** A user token for the demo album backend. */
  userToken(albumIds?: string[]): Promise<string>;
  /** Still running (no uncaught exception ended it)? */
  alive(): boolean;
  stderr(): string;
  stop(): Promise<void>;
}

const CONFIG_VARIABLES = ['CLOUDINARY_URL', 'CLOUDINARY_UPLOAD_PREFIX', 'PIXDROP_API_URL', 'PIXDROP_API_TOKEN'];

function waitForAddress(child: ChildProcess, stderr: () => string): Promise<URL> {
  return new Promise((resolve, reject) => {
    let stdout = '';
    const timer = setTimeout(() => reject(new Error(`pixdrop serve printed no address in 30 s.\n${stderr()}`)), 30_000);
    child.stdout!.on('data', (chunk) => {
      stdout += String(chunk);
      const match = /http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]+/.exec(stdout);
      if (match) {
        clearTimeout(timer);
        resolve(new URL(match[0]));
      }
    });
    child.once('exit', (code) => reject(new Error(`pixdrop serve exited with ${code}.\n${stderr()}`)));
  });
}

export async function startDemoServe(): Promise<DemoServe> {
  requireBuiltCli();
  const dataDir = tempDir('pixdrop-demo-serve-');
  const env: NodeJS.ProcessEnv = { ...process.env, PIXDROP_DATA_DIR: dataDir, FORCE_COLOR: '0' };
  for (const name of CONFIG_VARIABLES) delete env[name];
  const child = spawn(process.execPath, [cliPath, 'serve', '--port', '0'], { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr += String(chunk)));
  const address = await waitForAddress(child, () => stderr);
  const state = JSON.parse(readFileSync(path.join(dataDir, 'demo', 'stack.json'), 'utf8')) as DemoState;
  const tokens = createTokenKit(state.jwtSecret, systemClock);
  return {
    child,
    dataDir,
    state,
    webPort: Number(address.port),
    webToken: new URLSearchParams(address.hash.slice(1)).get('token')!,
    userToken: (albumIds = []) =>
      tokens.sign({ user_id: 'demo-photographer', abilities: Object.fromEntries(albumIds.map((id) => [id, { Access: { image_upload: true } }])) }, 3600),
    alive: () => child.exitCode === null && child.signalCode === null,
    stderr: () => stderr,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
        child.kill('SIGINT');
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(timer);
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
