/** `pixdrop doctor [--json]`: what to look at when something is wrong; exit 1 when a problem was found. */
import { collectDiagnostics, type DiagnosticsReport } from '../../engine/diagnostics/report';
import { EXIT_FAILED, EXIT_OK } from '../exit';
import { formatBytes } from '../format';
import { clockFor } from '../setup';
import { PIXDROP_VERSION } from '../version';

const mark = (ok: boolean) => (ok ? '✓' : '✗');

function text(r: DiagnosticsReport): string {
  const v = r.versions;
  const rows = [`PixDrop ${v.pixdrop} — Node ${v.node}${v.electron ? `, Electron ${v.electron}` : ''}, SQLite ${v.sqlite}, ${v.platform}`, ''];
  if ('error' in r.config) rows.push(`✗ configuration  ${r.config.error}`);
  else {
    const c = r.config;
    rows.push(`  mode           ${c.mode}${c.cloudinary ? ` (cloud ${c.cloudinary.cloud_name}, key ${c.cloudinary.api_key})` : ''}`);
    if (c.backend_url) rows.push(`  backend        ${c.backend_url} (token ${c.token})`);
    if (c.proxy)
      rows.push(
        `  proxy          ${[c.proxy.https && `HTTPS_PROXY ${c.proxy.https}`, c.proxy.http && `HTTP_PROXY ${c.proxy.http}`, c.proxy.all && `ALL_PROXY ${c.proxy.all}`, c.proxy.no_proxy && `NO_PROXY ${c.proxy.no_proxy}`].filter(Boolean).join(', ')}`,
      );
    rows.push(
      `  uploads        ${c.concurrency} at once, chunks of ${formatBytes(c.chunk_size)}, bandwidth ${c.bwlimit ?? 'unlimited'}, log level ${c.log_level}`,
    );
  }
  if (r.servers.length === 0 && !('error' in r.config) && r.config.mode === 'demo')
    rows.push('  servers        demo mode: the local servers run inside PixDrop while it works; nothing to reach');
  for (const s of r.servers) rows.push(`${mark(s.ok)} ${s.name.padEnd(17)} ${s.url}: ${s.message}`);
  if (r.clock.skew_ms !== null) rows.push(`${mark(r.clock.ok)} clock             ${r.clock.message}`);
  const d = r.data_dir;
  rows.push(
    `${mark(d.ok)} data dir          ${d.path}: ${d.exists ? (d.writable ? 'writable' : 'not writable') : 'not created yet'}` +
      `${d.free_bytes !== null ? `, ${formatBytes(d.free_bytes)} free` : ''}, ${d.library_bytes > 0 ? `library ${formatBytes(d.library_bytes)} (integrity: ${d.integrity})` : d.integrity}`,
  );
  if (r.last_errors.length > 0) rows.push('', 'Last errors in the log:', ...r.last_errors.map((l) => `  ${l}`));
  rows.push('', r.ok ? 'No problem found.' : `Problems:\n${r.problems.map((p) => `  - ${p}`).join('\n')}`);
  return `${rows.join('\n')}\n`;
}

export async function runDoctor(o: { json?: boolean }): Promise<number> {
  const report = await collectDiagnostics({ env: process.env, clock: clockFor(process.env), version: PIXDROP_VERSION });
  process.stdout.write(o.json ? `${JSON.stringify(report)}\n` : text(report));
  return report.ok ? EXIT_OK : EXIT_FAILED;
}
