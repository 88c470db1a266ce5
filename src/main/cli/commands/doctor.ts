/** `pixdrop doctor [--json]`: what to look at when something is wrong; exit 1 when a problem was found. */
import { collectDiagnostics } from '../../engine/diagnostics/report';
import { diagnosticsText } from '../../engine/diagnostics/report-text';
import { EXIT_FAILED, EXIT_OK } from '../exit';
import { clockFor } from '../setup';
import { PIXDROP_VERSION } from '../version';

export async function runDoctor(o: { json?: boolean }): Promise<number> {
  const report = await collectDiagnostics({ env: process.env, clock: clockFor(process.env), version: PIXDROP_VERSION });
  process.stdout.write(o.json ? `${JSON.stringify(report)}\n` : diagnosticsText(report));
  return report.ok ? EXIT_OK : EXIT_FAILED;
}
