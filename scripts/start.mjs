// `npm start`: the desktop app when the Electron binary is installed; otherwise the same UI in
// the browser through `pixdrop serve --open` (e.g. where Electron was installed without its binary).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

/** The Electron executable, or null when the package is there without its binary. */
function electronBinary() {
  try {
    const binary = require('electron'); // the path of the executable, or a throw when never downloaded
    return typeof binary === 'string' && existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

/** Builds first when the output this launch needs is missing (a fresh checkout without `prepare`). */
async function ensureBuilt(files) {
  if (files.every((file) => existsSync(path.join(root, file)))) return;
  const code = await run(process.execPath, [path.join(root, 'scripts', 'build.mjs')]);
  if (code !== 0) process.exit(code);
}

/** Runs a child with our terminal, forwarding stop signals; resolves with its exit code. */
function run(command, args) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, stdio: 'inherit' });
    const forward = (signal) => {
      // From a terminal, Ctrl-C already reaches the child (same process group): don't send it twice.
      if (signal === 'SIGINT' && process.stdin.isTTY) return;
      child.kill(signal);
    };
    const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'];
    for (const signal of signals) process.on(signal, forward);
    child.on('error', (error) => {
      console.error(`npm start: could not run ${command}: ${error.message}`);
      resolve(1);
    });
    child.on('exit', (code, signal) => {
      for (const s of signals) process.off(s, forward);
      resolve(code ?? (signal === 'SIGINT' || signal === 'SIGTERM' ? 0 : 1));
    });
  });
}

const electron = electronBinary();
let code;
if (electron) {
  await ensureBuilt(['out/electron/main.cjs', 'out/preload/index.cjs', 'out/renderer/index.html']);
  code = await run(electron, [path.join(root, 'out', 'electron', 'main.cjs')]);
} else {
  console.log('The Electron binary is not installed here, so PixDrop opens the same UI in your browser instead (pixdrop serve --open).');
  await ensureBuilt(['out/cli.js', 'out/renderer/index.html']);
  code = await run(process.execPath, [path.join(root, 'bin', 'pixdrop.js'), 'serve', '--open']);
}
process.exit(code);
