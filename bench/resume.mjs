/**
 * Resume: a chunked upload of one big photo, killed with SIGKILL in the middle of a chunk several
 * times, then run to the end. What the server received beyond the file's size was sent twice.
 */
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { cliPath } from './lib/paths.mjs';
import { writeBigJpeg } from './lib/photos.mjs';
import { lastJson, runNode, startMeasured } from './lib/proc.mjs';
import { startStack, tempDir } from './lib/stack.mjs';

async function waitFor(check, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('resume bench: timed out waiting for the upload to progress');
    await new Promise((r) => setTimeout(r, 5));
  }
}

export async function benchResume(engine, o) {
  const dir = tempDir('pixdrop-bench-resume-');
  const stack = await startStack(engine);
  try {
    const folder = path.join(dir, 'Resume bench');
    mkdirSync(folder);
    writeBigJpeg(path.join(folder, 'huge.jpg'), o.size, 4242);
    const album = 'bench-resume';
    await stack.backend.issueToken({ userId: 'photographer-1', albumIds: [album] });
    const env = stack.envFor(path.join(dir, 'data'), { PIXDROP_CHUNK_SIZE: String(o.chunkSize) });
    const args = ['upload', folder, '--album', album, '--json'];
    const start = stack.cloudinary.stats().bytesReceived;
    const killedAt = [];
    for (let k = 0; k < o.kills; k += 1) {
      const running = startMeasured(process.execPath, [cliPath, ...args], { env });
      // Kill half-way through a chunk: the worst place short of the last byte.
      const target = start + (k + 1.5) * o.chunkSize + k * o.chunkSize;
      await waitFor(() => stack.cloudinary.stats().bytesReceived >= Math.min(target, start + o.size * 0.9));
      running.child.kill('SIGKILL');
      await running.done;
      killedAt.push(stack.cloudinary.stats().bytesReceived - start);
    }
    const final = await runNode(cliPath, args, { env, timeoutMs: 600_000 });
    const summary = lastJson(final.stdout);
    if (summary.type !== 'summary' || summary.failed !== 0) throw new Error(`resume bench: final run did not finish: ${JSON.stringify(summary)}`);
    const received = stack.cloudinary.stats().bytesReceived - start;
    const resent = received - o.size;
    return {
      size: o.size,
      chunkSize: o.chunkSize,
      kills: o.kills,
      received,
      resent,
      fraction: resent / o.size,
      chunksPerKill: resent / o.kills / o.chunkSize,
      killedAt,
    };
  } finally {
    await stack.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
