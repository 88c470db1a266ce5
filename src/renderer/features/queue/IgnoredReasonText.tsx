/** Why a found file was not uploaded, in words (contract §1 reasons); a link leading outside the folder says where. */
import type { IgnoredEntry } from '../../../shared/api';
import { useT } from '../../i18n/I18nProvider';

export function IgnoredReasonText(props: { file: IgnoredEntry }) {
  const t = useT();
  const { reason, linkTo } = props.file;
  return (
    <span className="ignored-reason" data-reason={reason}>
      {linkTo ? t('ignored.reason.link', { target: linkTo }) : t(`ignored.reason.${reason}`)}
    </span>
  );
}
