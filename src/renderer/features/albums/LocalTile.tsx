/** A photo from this computer still on its way to the album, with its progress or its reason. */
import { useRef } from 'react';
import type { JobView } from '../../../shared/api';
import { ErrorReason } from '../../components/ErrorReason';
import { ProgressBar } from '../../components/ProgressBar';
import { StatusBadge } from '../../components/StatusBadge';
import { useT } from '../../i18n/I18nProvider';
import { usePhotoThumbnail } from '../../state/usePhotoThumbnail';

export function LocalTile(props: { job: JobView; onOpen(): void }) {
  const t = useT();
  const { job } = props;
  const ref = useRef<HTMLLIElement>(null);
  const thumbnail = usePhotoThumbnail(job.id, ref);
  const percent = job.bytesTotal > 0 ? (job.bytesDone / job.bytesTotal) * 100 : 0;
  return (
    <li className="tile tile-local" ref={ref} data-testid="local-photo">
      <button type="button" className="tile-button" onClick={props.onOpen} aria-label={t('album.openPhoto', { name: job.filename })}>
        {thumbnail ? <img className="tile-image" src={thumbnail} alt="" /> : <span className="tile-image tile-empty">{job.filename}</span>}
        <span className="tile-caption">{job.filename}</span>
      </button>
      <StatusBadge status={job.status} />
      {job.error ? <ErrorReason error={job.error} compact /> : <ProgressBar label={t('progress.of', { name: job.filename })} percent={percent} />}
    </li>
  );
}
