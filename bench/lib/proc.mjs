/**
 * Runs a measured child process: wall time, and peak resident memory sampled from
 * /proc/<pid>/status (VmHWM disappears with the process, so it is read while it runs).
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';

function readPeakRss(pid) {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : null;
  } catch {
    return null;
  }
}

/**
 * Starts `command args`; resolves { code, signal, stdout, stderr, wallMs, peakRss } when it ends.
 * `child` is available at once for callers that kill it mid-way.
 */
export function startMeasured(command, args, o = {}) {
  const started = process.hrtime.bigint();
  const child = spawn(command, args, { cwd: o.cwd, env: { ...(o.env ?? process.env), FORCE_COLOR: '0' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  let peakRss = null;
  child.stdout.on('data', (d) => {
    stdout += d;
    o.onStdout?.(String(d));
  });
  child.stderr.on('data', (d) => (stderr += d));
  const sample = () => {
    const peak = child.pid ? readPeakRss(child.pid) : null;
    if (peak !== null) peakRss = Math.max(peakRss ?? 0, peak);
  };
  const sampler = setInterval(sample, 20);
  const done = new Promise((resolve) => {
    child.on('exit', sample);
    child.on('close', (code, signal) => {
      clearInterval(sampler);
      const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
      resolve({ code, signal, stdout, stderr, wallMs, peakRss });
    });
  });
  const timer = o.timeoutMs ? setTimeout(() => child.kill('SIGKILL'), o.timeoutMs) : null;
  return { child, done: done.finally(() => timer && clearTimeout(timer)) };
}

export async function runMeasured(command, args, o = {}) {
  const result = await startMeasured(command, args, o).done;
  if (o.check !== false && result.code !== 0) {
    throw new Error(`${command} ${args.join(' ')} exited with ${result.code ?? result.signal}\n${result.stderr.slice(-2000)}`);
  }
  return result;
}

/** A node child (same binary as the bench), measured the same way. */
export function runNode(script, args = [], o = {}) {
  return runMeasured(process.execPath, [...(o.nodeArgs ?? []), script, ...args], o);
}

/** The last JSON line a worker printed. */
export function lastJson(stdout) {
  const lines = stdout
    .trim()
    .split('\n')
    .filter((l) => l.startsWith('{'));
  return JSON.parse(lines.at(-1));
}
