/** Why a found file was not uploaded, in words (contract §1 reasons). */
import type { IgnoredReason } from '../../../shared/api';
import { useT } from '../../i18n/I18nProvider';

export function IgnoredReasonText(props: { reason: IgnoredReason }) {
  const t = useT();
  return (
    <span className="ignored-reason" data-reason={props.reason}>
      {t(`ignored.reason.${props.reason}`)}
    </span>
  );
}
