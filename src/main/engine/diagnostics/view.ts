/** The running engine's diagnostics for the app ("Copy diagnostics"): the doctor's report as text, its secrets scrubbed once more. */
import type { DiagnosticsView } from '../../../shared/api';
import type { Clock, EngineConfig } from '../types';
import { PIXDROP_VERSION } from '../version';
import { collectDiagnostics } from './report';
import { diagnosticsText, withoutSecrets } from './report-text';

export async function engineDiagnostics(config: EngineConfig, clock: Clock, env: NodeJS.ProcessEnv = process.env): Promise<DiagnosticsView> {
  const report = await collectDiagnostics({ env, clock, version: PIXDROP_VERSION, config });
  // The report never writes a secret; this guards against one slipping in through a log line or a URL.
  const secrets = [config.cloudinary?.apiSecret, config.apiToken, env.PIXDROP_API_TOKEN];
  return { ok: report.ok, text: withoutSecrets(diagnosticsText(report), secrets), problems: report.problems.map((p) => withoutSecrets(p, secrets)) };
}
