/** Which files make this photo: its own, and a pair's RAW or a Live Photo's clip uploaded with it. */
import type { PairFiles } from '../../../shared/api';
import { useT } from '../../i18n/I18nProvider';
import type { MessageKey } from '../../i18n/messages/en';

export function PairParts(props: { main: string | null; pair: PairFiles | null | undefined; uploadedIds?: boolean }) {
  const t = useT();
  const { pair } = props;
  if (!pair || (!pair.raw && !pair.motion)) return null;
  const rows: [MessageKey, string][] = [];
  if (props.main) rows.push(['photo.part.main', props.main]);
  if (pair.raw) rows.push(['photo.part.raw', pair.raw]);
  if (pair.motion) rows.push(['photo.part.motion', pair.motion]);
  return (
    <section className="pair-parts" aria-labelledby="pair-parts-heading" data-testid="pair-parts">
      <h3 id="pair-parts-heading">{t('photo.madeOf')}</h3>
      <dl>
        {rows.map(([label, file]) => (
          <div key={label}>
            <dt>{t(label)}</dt>
            {/* An album record knows its RAW and clip by Cloudinary ids only: say they are there, not a hash. */}
            <dd title={file}>{props.uploadedIds && label !== 'photo.part.main' ? t('photo.part.uploaded') : file.split(/[\\/]/).pop()}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
