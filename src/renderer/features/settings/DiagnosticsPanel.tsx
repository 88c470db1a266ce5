/** "Copy diagnostics": what `pixdrop doctor` reports for this PixDrop, shown and copied to the clipboard (no secret is in it). */
import { useId, useState } from 'react';
import type { DiagnosticsView } from '../../../shared/api';
import type { ErrorView } from '../../../shared/errors';
import { ErrorReason } from '../../components/ErrorReason';
import { useT } from '../../i18n/I18nProvider';
import { useApi } from '../../state/HostContext';

export function DiagnosticsPanel() {
  const t = useT();
  const api = useApi();
  const id = useId();
  const [report, setReport] = useState<DiagnosticsView | null>(null);
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<ErrorView | null>(null);
  const [copied, setCopied] = useState<'yes' | 'refused' | null>(null);

  const run = async () => {
    setRunning(true);
    setCopied(null);
    const result = await api.getDiagnostics();
    setRunning(false);
    if (!result.ok) return setError(result.error);
    setError(null);
    setReport(result.value);
  };
  const copy = async () => {
    if (!report) return;
    try {
      await navigator.clipboard.writeText(report.text);
      setCopied('yes');
    } catch {
      setCopied('refused'); // the text stays shown: select and copy it by hand
    }
  };

  return (
    <section className="settings-form diagnostics" aria-labelledby={`${id}-heading`} data-testid="diagnostics">
      <h3 id={`${id}-heading`}>{t('diagnostics.heading')}</h3>
      <p className="hint">{t('diagnostics.intro')}</p>
      <div className="form-actions">
        <button type="button" className="secondary" onClick={run} disabled={running}>
          {running ? t('diagnostics.running') : t('diagnostics.run')}
        </button>
        <button type="button" onClick={copy} disabled={!report}>
          {t('diagnostics.copy')}
        </button>
        <span role="status" data-testid="diagnostics-status">
          {copied === 'yes' ? t('diagnostics.copied') : copied === 'refused' ? t('diagnostics.copyFailed') : ''}
        </span>
      </div>
      {error && <ErrorReason error={error} />}
      {report && (
        <>
          <p data-testid="diagnostics-summary">{report.ok ? t('diagnostics.ok') : t('diagnostics.problems', { count: report.problems.length })}</p>
          <pre className="diagnostics-text" tabIndex={0} aria-label={t('diagnostics.reportLabel')} data-testid="diagnostics-text" lang="en">
            {report.text}
          </pre>
        </>
      )}
    </section>
  );
}
