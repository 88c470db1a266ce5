/** Runs the built `pixdrop` as a real child process, as a user's shell would. */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cliPath, repoRoot } from './paths';

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** Peak resident memory of the process (VmHWM), bytes, when it could be read. */
  peakRss: number | null;
}

export interface RunningCli {
  child: ChildProcess;
  done: Promise<CliResult>;
  stdout(): string;
}

function readPeakRss(pid: number): number | null {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : null;
  } catch {
    return null;
  }
}

export function startCli(args: string[], env: NodeJS.ProcessEnv): RunningCli {
  const child = spawn(process.execPath, [cliPath, ...args], { cwd: repoRoot, env: { ...env, FORCE_COLOR: '0' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  let peakRss: number | null = null;
  child.stdout?.on('data', (d) => (stdout += d));
  child.stderr?.on('data', (d) => (stderr += d));
  // VmHWM disappears with the process: sample it while it runs.
  const sampler = setInterval(() => {
    const peak = child.pid ? readPeakRss(child.pid) : null;
    if (peak !== null) peakRss = Math.max(peakRss ?? 0, peak);
  }, 50);
  const done = new Promise<CliResult>((resolve) => {
    child.on('close', (code, signal) => {
      clearInterval(sampler);
      resolve({ code, signal, stdout, stderr, peakRss });
    });
  });
  return { child, done, stdout: () => stdout };
}

export function runCli(args: string[], env: NodeJS.ProcessEnv, timeoutMs = 120_000): Promise<CliResult> {
  const running = startCli(args, env);
  const timer = setTimeout(() => running.child.kill('SIGKILL'), timeoutMs);
  return running.done.finally(() => clearTimeout(timer));
}

export function ndjson(stdout: string): Record<string, unknown>[] {
  return stdout
    .split('\n')
    .filter((l) => l.trim().startsWith('{'))
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}
