/** An ErrorView in plain words: what happened, then the engine's detail (which file, what to do). */
import type { ErrorView } from '../../shared/errors';
import { useTranslator } from '../i18n/I18nProvider';
import { errorDetail, errorHeadline } from '../lib/errorText';

export function ErrorReason(props: { error: ErrorView; compact?: boolean }) {
  const tr = useTranslator();
  const detail = errorDetail(props.error, tr);
  if (props.compact) {
    return (
      <span className="error-reason" data-testid="error-reason" title={detail ?? undefined}>
        {errorHeadline(props.error, tr)}
      </span>
    );
  }
  return (
    <div className="error-reason" role="alert" data-testid="error-reason">
      <strong>{errorHeadline(props.error, tr)}</strong>
      {detail && <span className="error-detail"> {detail}</span>}
    </div>
  );
}
