/** The diagnostics as a person reads them: what `pixdrop doctor` prints and the app's Settings show and copy. Pure. */
import { formatBytes } from '../../../shared/format-bytes';
import type { DiagnosticsReport } from './report';

const mark = (ok: boolean) => (ok ? '✓' : '✗');

function configRows(r: DiagnosticsReport): string[] {
  if ('error' in r.config) return [`✗ configuration  ${r.config.error}`];
  const c = r.config;
  const rows = [`  mode           ${c.mode}${c.cloudinary ? ` (cloud ${c.cloudinary.cloud_name}, key ${c.cloudinary.api_key})` : ''}`];
  if (c.backend_url) rows.push(`  backend        ${c.backend_url} (token ${c.token})`);
  if (c.proxy) {
    const p = c.proxy;
    const parts = [
      p.https && `HTTPS_PROXY ${p.https}`,
      p.http && `HTTP_PROXY ${p.http}`,
      p.all && `ALL_PROXY ${p.all}`,
      p.no_proxy && `NO_PROXY ${p.no_proxy}`,
    ];
    rows.push(`  proxy          ${parts.filter(Boolean).join(', ')}`);
  }
  rows.push(
    `  uploads        ${c.concurrency_adaptive ? `adaptive: starts at ${c.concurrency} at once, then 1–16 as the line allows` : `${c.concurrency} at once (set)`}, chunks of ${formatBytes(c.chunk_size)}, bandwidth ${c.bwlimit ?? 'unlimited'}, log level ${c.log_level}`,
  );
  if (r.servers.length === 0 && c.mode === 'demo')
    rows.push('  servers        demo mode: the local servers run inside PixDrop while it works; nothing to reach');
  return rows;
}

function dataDirRow(r: DiagnosticsReport): string {
  const d = r.data_dir;
  const state = d.exists ? (d.writable ? 'writable' : 'not writable') : 'not created yet';
  const free = d.free_bytes !== null ? `, ${formatBytes(d.free_bytes)} free` : '';
  const library = d.library_bytes > 0 ? `library ${formatBytes(d.library_bytes)} (integrity: ${d.integrity})` : d.integrity;
  return `${mark(d.ok)} data dir          ${d.path}: ${state}${free}, ${library}`;
}

function crashDumpsRow(r: DiagnosticsReport): string {
  const c = r.crash_dumps;
  if (c.count === 0) return `  crash dumps     none (${c.dir})`;
  const newest = c.newestAt !== null ? `, newest ${new Date(c.newestAt).toISOString()}` : '';
  return `  crash dumps     ${c.count} in ${c.dir}${newest} (kept on this computer, never sent)`;
}

export function diagnosticsText(r: DiagnosticsReport): string {
  const v = r.versions;
  const rows = [`PixDrop ${v.pixdrop} — Node ${v.node}${v.electron ? `, Electron ${v.electron}` : ''}, SQLite ${v.sqlite}, ${v.platform}`, ''];
  rows.push(...configRows(r));
  for (const s of r.servers) rows.push(`${mark(s.ok)} ${s.name.padEnd(17)} ${s.url}: ${s.message}`);
  rows.push(r.clock.skew_ms !== null ? `${mark(r.clock.ok)} clock             ${r.clock.message}` : `  clock             ${r.clock.message}`);
  rows.push(dataDirRow(r), crashDumpsRow(r));
  if (r.last_errors.length > 0) rows.push('', 'Last errors in the log:', ...r.last_errors.map((l) => `  ${l}`));
  rows.push('', r.ok ? 'No problem found.' : `Problems:\n${r.problems.map((p) => `  - ${p}`).join('\n')}`);
  return `${rows.join('\n')}\n`;
}

/** Every known secret replaced, whatever part of the report it slipped into (a log line, a URL). */
export function withoutSecrets(text: string, secrets: ReadonlyArray<string | null | undefined>): string {
  return secrets.filter((s): s is string => typeof s === 'string' && s.length >= 4).reduce((out, secret) => out.split(secret).join('***'), text);
}
