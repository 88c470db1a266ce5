/**
 * Scan: hashing + EXIF + enqueue of copies of the real fixtures: PixDrop's scan path vs
 * `exiftool -json -r` (metadata only, the usual reference) vs `sha1sum` (read + hash: the I/O floor).
 */
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { workersDir } from './lib/paths.mjs';
import { fillWithFixtures } from './lib/photos.mjs';
import { lastJson, runMeasured, runNode } from './lib/proc.mjs';
import { summarizeProfiles } from './lib/profile.mjs';
import { tempDir } from './lib/stack.mjs';

function has(command) {
  try {
    execFileSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

function exiftoolVersion() {
  try {
    return execFileSync('exiftool', ['-ver'], { encoding: 'utf8' }).trim();
  } catch {
    return null;
  }
}

async function runPixdrop(bundle, folder, dir, nodeArgs = []) {
  const dataDir = path.join(dir, `data-${Date.now()}`);
  const result = await runNode(path.join(workersDir, 'scan.mjs'), [bundle, folder, dataDir], { nodeArgs, timeoutMs: 600_000 });
  rmSync(dataDir, { recursive: true, force: true });
  return { ...result, report: lastJson(result.stdout) };
}

export async function benchScan(bundle, o) {
  const dir = tempDir('pixdrop-bench-scan-');
  const folder = path.join(dir, 'Scan bench');
  const set = fillWithFixtures(folder, o.files);
  // Warm the page cache once, so every contender reads from memory (the first one would pay otherwise).
  await runMeasured('sh', ['-c', `find "${folder}" -type f -print0 | xargs -0 cat > /dev/null`]);
  try {
    const results = {};
    const rounds = [];
    for (let round = 0; round < o.rounds; round += 1) {
      const pixdrop = await runPixdrop(bundle, folder, dir);
      o.log(
        `  scan: pixdrop ${(pixdrop.wallMs / 1000).toFixed(2)} s (enqueue ${pixdrop.report.enqueueMs.toFixed(0)} ms, hash+exif ${pixdrop.report.hashMs.toFixed(0)} ms)`,
      );
      if (pixdrop.report.hashed + pixdrop.report.failed !== o.files || pixdrop.report.failed > 0) {
        throw new Error(`pixdrop scan: ${JSON.stringify(pixdrop.report)} for ${o.files} files`);
      }
      rounds.push(pixdrop);
      const sha = await runMeasured('sh', ['-c', `find "${folder}" -type f -print0 | xargs -0 sha1sum > /dev/null`]);
      o.log(`  scan: sha1sum ${(sha.wallMs / 1000).toFixed(2)} s`);
      if (!results.sha1sum || sha.wallMs < results.sha1sum.wallMs) results.sha1sum = sha;
    }
    results.pixdrop = rounds.reduce((a, b) => (b.wallMs < a.wallMs ? b : a));
    if (has('exiftool')) {
      results.exiftool = await runMeasured('sh', ['-c', `exiftool -json -r "${folder}" > /dev/null`], { timeoutMs: 900_000, check: false });
      if (results.exiftool.code !== 0 && results.exiftool.code !== 1) throw new Error(`exiftool failed: ${results.exiftool.stderr.slice(-500)}`);
      o.log(`  scan: exiftool ${(results.exiftool.wallMs / 1000).toFixed(2)} s`);
    }
    let profile = null;
    if (o.profileDir) {
      await runPixdrop(bundle, folder, dir, ['--cpu-prof', '--cpu-prof-dir', o.profileDir]);
      profile = summarizeProfiles(o.profileDir);
    }
    const perSecond = (r) => (r ? o.files / (r.wallMs / 1000) : null);
    return {
      files: o.files,
      rounds: o.rounds,
      bytes: set.bytes,
      distinctSources: set.distinctSources,
      exiftoolVersion: exiftoolVersion(),
      pixdrop: { wallMs: results.pixdrop.wallMs, peakRss: results.pixdrop.peakRss, filesPerSecond: perSecond(results.pixdrop), ...results.pixdrop.report },
      exiftool: results.exiftool ? { wallMs: results.exiftool.wallMs, peakRss: results.exiftool.peakRss, filesPerSecond: perSecond(results.exiftool) } : null,
      sha1sum: { wallMs: results.sha1sum.wallMs, filesPerSecond: perSecond(results.sha1sum) },
      profile,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
