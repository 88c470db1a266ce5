/** An accessible progress bar: role=progressbar with its value, so screen readers and tests read it. */
import { useT } from '../i18n/I18nProvider';

export function ProgressBar(props: { label: string; percent: number; testId?: string; valueText?: string; size?: 'large' | 'small' }) {
  const t = useT();
  const percent = Math.max(0, Math.min(100, Math.round(props.percent)));
  return (
    <div
      className={`progress progress-${props.size ?? 'small'}`}
      role="progressbar"
      aria-label={props.label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent}
      aria-valuetext={props.valueText ?? t('progress.percent', { percent })}
      data-testid={props.testId}
    >
      <div className="progress-fill" style={{ width: `${percent}%` }} />
    </div>
  );
}
