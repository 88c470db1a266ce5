/**
 * The upload limit: a rate or a timetable, checked as it is typed with the CLI's own parser, and applied
 * at once — transfers under way follow it without restarting (the engine reads it before every piece).
 */
import { useId, useState, type FormEvent } from 'react';
import type { SettingsView } from '../../../shared/api';
import type { ErrorView } from '../../../shared/errors';
import { ErrorReason } from '../../components/ErrorReason';
import { useTranslator } from '../../i18n/I18nProvider';
import { useApi } from '../../state/HostContext';
import { bandwidthProblem } from './bandwidthProblem';

export function BandwidthForm(props: { settings: SettingsView; onSaved(settings: SettingsView): void }) {
  const tr = useTranslator();
  const { t } = tr;
  const api = useApi();
  const id = useId();
  const [text, setText] = useState(props.settings.bwlimit ?? '');
  const [refused, setRefused] = useState<ErrorView | null>(null);
  const [applied, setApplied] = useState<string | null>(null);
  const problem = bandwidthProblem(text, tr);
  const unchanged = text.trim() === (props.settings.bwlimit ?? '');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (problem) return;
    const value = text.trim() === '' ? null : text.trim();
    const result = await api.updateSettings({ bwlimit: value });
    if (!result.ok) return (setRefused(result.error), setApplied(null));
    setRefused(null);
    setApplied(result.value.bwlimit ?? t('bandwidth.unlimited'));
    props.onSaved(result.value);
  };

  return (
    <form className="settings-form" onSubmit={submit} aria-labelledby={`${id}-heading`} data-testid="bandwidth-form">
      <h3 id={`${id}-heading`}>{t('bandwidth.heading')}</h3>
      <label htmlFor={id}>{t('bandwidth.label')}</label>
      <input
        id={id}
        value={text}
        onChange={(e) => (setText(e.target.value), setApplied(null))}
        placeholder="off"
        spellCheck={false}
        autoComplete="off"
        aria-invalid={problem !== null}
        aria-describedby={`${id}-hint ${id}-error`}
      />
      <p id={`${id}-error`} className="error-reason" role="alert" data-testid="bandwidth-error">
        {problem ?? ''}
      </p>
      <p id={`${id}-hint`} className="hint">
        {t('bandwidth.hint')}
      </p>
      <div className="form-actions">
        <button type="submit" disabled={problem !== null || unchanged}>
          {t('bandwidth.apply')}
        </button>
        <span role="status" data-testid="bandwidth-applied">
          {applied ? t('bandwidth.applied', { limit: applied }) : ''}
        </span>
      </div>
      {refused && <ErrorReason error={refused} />}
    </form>
  );
}
