/** A watched folder's saved options in one line, only those that differ from the usual. */
import type { WatchView } from '../../../shared/api';
import { useTranslator } from '../../i18n/I18nProvider';
import { cleanRules } from '../../lib/folderRules';

export function WatchOptionsText(props: { watch: WatchView }) {
  const { t, locale } = useTranslator();
  const rules = cleanRules(props.watch.rules ?? {});
  const target = props.watch.target;
  // A day as the reader's locale writes it; a time of day stays as typed (camera time, no zone to convert).
  const date = (d: string) => (d.length === 10 ? new Date(`${d}T00:00`).toLocaleDateString(locale) : d.replace('T', ' '));
  const parts = [
    'mode' in target && target.mode && target.mode !== 'root' ? t(`options.albumMode.${target.mode}`) : null,
    rules.include ? t('watch.opt.include', { globs: rules.include.join(', ') }) : null,
    rules.exclude ? t('watch.opt.exclude', { globs: rules.exclude.join(', ') }) : null,
    rules.takenFrom ? t('watch.opt.from', { date: date(rules.takenFrom) }) : null,
    rules.takenTo ? t('watch.opt.to', { date: date(rules.takenTo) }) : null,
    rules.videos === false ? t('watch.opt.noVideos') : null,
    rules.rawJpeg ? t(`options.rawJpeg.${rules.rawJpeg}`) : null,
    rules.onChange ? t(`options.onChange.${rules.onChange}`) : null,
  ].filter((p): p is string => p !== null);
  if (parts.length === 0) return null;
  return (
    <span className="watch-options" data-testid="watch-options-text">
      {t('watch.options', { list: parts.join(' · ') })}
    </span>
  );
}
