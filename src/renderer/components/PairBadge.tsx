/** A RAW+JPEG pair or a Live Photo is one photo: the badge says what goes along with it. */
import type { PairFiles } from '../../shared/api';
import { useT } from '../i18n/I18nProvider';

export function PairBadge(props: { pair: PairFiles | null | undefined }) {
  const t = useT();
  const { pair } = props;
  if (!pair || (!pair.raw && !pair.motion)) return null;
  return (
    <span className="pair-badges">
      {pair.raw && (
        <span className="pair-badge pair-raw" data-testid="pair-badge" data-kind="raw" title={t('pair.rawLabel')} aria-label={t('pair.rawLabel')}>
          {t('pair.raw')}
        </span>
      )}
      {pair.motion && (
        <span className="pair-badge pair-live" data-testid="pair-badge" data-kind="motion" title={t('pair.liveLabel')} aria-label={t('pair.liveLabel')}>
          {t('pair.live')}
        </span>
      )}
    </span>
  );
}

/** An album record names its RAW and clip by their Cloudinary ids (contract §5 metadatas). */
export function pairOfMetadatas(metadatas: Record<string, unknown>): PairFiles | null {
  const raw = typeof metadatas.raw_public_id === 'string' ? metadatas.raw_public_id : undefined;
  const motion = typeof metadatas.motion_public_id === 'string' ? metadatas.motion_public_id : undefined;
  return raw || motion ? { raw, motion } : null;
}
