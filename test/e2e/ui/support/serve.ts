/**
 * Starts the real `node bin/pixdrop.js serve --port 0` with its own data dir (in demo mode unless
 * `env` names servers) and reads the address it prints. Nothing is mocked: engine, local Cloudinary and album backend all run.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { repoRoot, tempDir } from '../../../helpers/index';

export { fixturesDir, repoRoot, tempDir } from '../../../helpers/index';

export interface ServeProcess {
  url: string;
  dataDir: string;
  stderr(): string;
  stop(): Promise<void>;
}

const DEMO_VARIABLES = ['CLOUDINARY_URL', 'CLOUDINARY_UPLOAD_PREFIX', 'PIXDROP_API_URL', 'PIXDROP_API_TOKEN'];

export async function startServe(o: { dataDir?: string; env?: NodeJS.ProcessEnv; args?: string[] } = {}): Promise<ServeProcess> {
  if (!existsSync(path.join(repoRoot, 'out/cli.js'))) throw new Error('out/cli.js is missing: run `npm run build` first.');
  const dataDir = o.dataDir ?? tempDir('pixdrop-e2e-');
  const env: NodeJS.ProcessEnv = { ...process.env, PIXDROP_DATA_DIR: dataDir, ...o.env };
  // Demo mode unless the caller points it at servers of its own.
  for (const name of DEMO_VARIABLES) if (o.env?.[name] === undefined) delete env[name];
  const child = spawn(process.execPath, [path.join(repoRoot, 'bin/pixdrop.js'), 'serve', '--port', '0', ...(o.args ?? [])], {
    cwd: repoRoot,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr += String(chunk)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`pixdrop serve printed no address in 30 s.\n${stderr}`)), 30_000);
    child.stdout!.on('data', (chunk) => {
      stdout += String(chunk);
      const match = /http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]+/.exec(stdout);
      if (match) {
        clearTimeout(timer);
        resolve(match[0]);
      }
    });
    child.on('exit', (code) => reject(new Error(`pixdrop serve exited with ${code}.\n${stderr}`)));
  });
  return { url, dataDir, stderr: () => stderr, stop: () => stopChild(child) };
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGINT');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}
