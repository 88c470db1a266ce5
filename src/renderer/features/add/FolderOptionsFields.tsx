/**
 * The options of one drop or watched folder (contract §1, as `pixdrop upload`/`watch` take them): how albums are
 * made from folders, include/exclude patterns, a taken-date range, videos, RAW+JPEG pairs and re-exports.
 * Folded away by default; the summary says how many differ from the usual.
 */
import { useId } from 'react';
import type { FolderRules, UploadTarget } from '../../../shared/api';
import { useT } from '../../i18n/I18nProvider';
import { ALBUM_MODES, changedCount, globText, ON_CHANGE_CHOICES, parseGlobs, RAW_JPEG_CHOICES } from '../../lib/folderRules';

export function FolderOptionsFields(props: {
  rules: FolderRules;
  onRules(rules: FolderRules): void;
  target: UploadTarget;
  onTarget(target: UploadTarget): void;
  testId?: string;
}) {
  const t = useT();
  const id = useId();
  const { rules, target } = props;
  const set = (patch: Partial<FolderRules>) => props.onRules({ ...rules, ...patch });
  const mode = 'albumFromFolder' in target ? (target.mode ?? 'root') : null;
  const changed = changedCount(rules) + (mode && mode !== 'root' ? 1 : 0);
  return (
    <details className="folder-options" data-testid={props.testId ?? 'folder-options'}>
      <summary>
        {t('options.summary')} <span className="hint">({t('options.changed', { count: changed })})</span>
      </summary>
      <div className="folder-options-grid">
        {mode && (
          <>
            <label htmlFor={`${id}-mode`}>{t('options.albumMode')}</label>
            <select
              id={`${id}-mode`}
              value={mode}
              onChange={(e) => props.onTarget({ albumFromFolder: true, mode: e.target.value as (typeof ALBUM_MODES)[number] })}
            >
              {ALBUM_MODES.map((m) => (
                <option key={m} value={m}>
                  {t(`options.albumMode.${m}`)}
                </option>
              ))}
            </select>
          </>
        )}
        <label htmlFor={`${id}-include`}>{t('options.include')}</label>
        <GlobInput id={`${id}-include`} value={rules.include} onChange={(include) => set({ include })} hint={t('options.globHint')} />
        <label htmlFor={`${id}-exclude`}>{t('options.exclude')}</label>
        <GlobInput id={`${id}-exclude`} value={rules.exclude} onChange={(exclude) => set({ exclude })} hint={t('options.globHint')} />
        <label htmlFor={`${id}-from`}>{t('options.from')}</label>
        <input id={`${id}-from`} type="date" value={rules.takenFrom ?? ''} onChange={(e) => set({ takenFrom: e.target.value || undefined })} />
        <label htmlFor={`${id}-to`}>{t('options.to')}</label>
        <input id={`${id}-to`} type="date" value={rules.takenTo ?? ''} onChange={(e) => set({ takenTo: e.target.value || undefined })} />
        <label htmlFor={`${id}-raw`}>{t('options.rawJpeg')}</label>
        <select id={`${id}-raw`} value={rules.rawJpeg ?? 'pair'} onChange={(e) => set({ rawJpeg: e.target.value as FolderRules['rawJpeg'] })}>
          {RAW_JPEG_CHOICES.map((c) => (
            <option key={c} value={c}>
              {t(`options.rawJpeg.${c}`)}
            </option>
          ))}
        </select>
        <label htmlFor={`${id}-change`}>{t('options.onChange')}</label>
        <select id={`${id}-change`} value={rules.onChange ?? 'replace'} onChange={(e) => set({ onChange: e.target.value as FolderRules['onChange'] })}>
          {ON_CHANGE_CHOICES.map((c) => (
            <option key={c} value={c}>
              {t(`options.onChange.${c}`)}
            </option>
          ))}
        </select>
        <span />
        <label className="checkbox">
          <input type="checkbox" checked={rules.videos !== false} onChange={(e) => set({ videos: e.target.checked })} /> {t('options.videos')}
        </label>
      </div>
    </details>
  );
}

/** A comma-separated list of patterns; the text is kept as typed and read into globs on every change. */
function GlobInput(props: { id: string; value: string[] | undefined; onChange(globs: string[]): void; hint: string }) {
  return (
    <input
      id={props.id}
      defaultValue={globText(props.value)}
      onChange={(e) => props.onChange(parseGlobs(e.target.value))}
      placeholder={props.hint}
      spellCheck={false}
      autoComplete="off"
    />
  );
}
