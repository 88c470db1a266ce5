/** Number formatting for the table and BENCHMARKS.md. */
export const mb = (bytes) => (bytes == null ? 'n/a' : `${(bytes / 1e6).toFixed(1)} MB`);
export const secs = (ms) => (ms == null ? 'n/a' : `${(ms / 1000).toFixed(2)} s`);
export const msf = (ms) => (ms == null ? 'n/a' : ms < 1 ? `${(ms * 1000).toFixed(0)} µs` : `${ms.toFixed(ms < 10 ? 2 : 1)} ms`);
export const rate = (n, unit) => (n == null ? 'n/a' : `${n >= 100 ? Math.round(n).toLocaleString('en-US') : n.toFixed(1)} ${unit}`);
export const ratio = (x) => (x == null || !Number.isFinite(x) ? 'n/a' : `${x.toFixed(2)}×`);
export const pct = (x) => (x == null ? 'n/a' : `${(x * 100).toFixed(1)} %`);
export const verdict = (ok) => (ok == null ? 'not measured' : ok ? 'met' : 'MISSED');

/** Percentile of an unsorted array of numbers. */
export function percentile(values, p) {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** A Markdown table from a header row and rows of cells. */
export function mdTable(header, rows) {
  const line = (cells) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

/** A plain-text table for the terminal. */
export function textTable(header, rows) {
  const widths = header.map((h, i) => Math.max(String(h).length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) => cells.map((c, i) => String(c).padEnd(widths[i])).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}
