/**
 * One photo: preview (the embedded EXIF thumbnail, so HEIC and RAW show before upload), what the
 * camera recorded, and the editable title and description. A native modal <dialog> gives focus
 * trapping and Escape for free.
 */
import { useEffect, useRef } from 'react';
import type { ImageView, PhotoDetails } from '../../../shared/api';
import { ErrorReason } from '../../components/ErrorReason';
import { useT } from '../../i18n/I18nProvider';
import { cloudinaryRendition, PREVIEW_TRANSFORMATION } from '../../lib/cloudinaryUrl';
import { pairOfMetadatas } from '../../components/PairBadge';
import { MetadataList } from './MetadataList';
import { PairParts } from './PairParts';
import { PhotoEditForm } from './PhotoEditForm';
import { toMetadatas } from './metadataRows';
import { usePhotoDetails } from './usePhotoDetails';

/** A local job, an uploaded image, or both (an image this computer uploaded). */
export interface PhotoSelection {
  jobId: number | null;
  image: ImageView | null;
}

export function PhotoPanel(props: { selection: PhotoSelection; onClose(): void; onSaved(details: PhotoDetails): void }) {
  const t = useT();
  const dialog = useRef<HTMLDialogElement>(null);
  const { details, error, setDetails } = usePhotoDetails(props.selection.jobId);
  const { image } = props.selection;
  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
  }, []);

  const name = details?.metadatas.filename ?? image?.filename ?? image?.public_id ?? t('photo.fallbackName');
  // Uploaded: Cloudinary's large rendition; not yet: the small preview embedded in the file.
  const preview = cloudinaryRendition(image?.thumbnail_url, PREVIEW_TRANSFORMATION) ?? details?.thumbnail ?? null;
  const metadatas = details?.metadatas ?? (image ? toMetadatas(image.metadatas) : null);

  return (
    <dialog ref={dialog} className="photo-panel" aria-labelledby="photo-heading" onClose={props.onClose} data-testid="photo-panel">
      <div className="panel-header">
        <h2 id="photo-heading">{name}</h2>
        <button type="button" className="icon-button" aria-label={t('photo.close')} onClick={() => dialog.current?.close()}>
          ×
        </button>
      </div>
      <div className="panel-body">
        {preview ? (
          <img className="photo-preview" src={preview} alt={t('photo.previewOf', { name })} data-testid="photo-preview" />
        ) : (
          <div className="photo-preview photo-preview-empty">{t('photo.noPreview')}</div>
        )}
        <div className="panel-side">
          {error && <ErrorReason error={error} />}
          {details?.pair ? (
            <PairParts main={details.path} pair={details.pair} />
          ) : (
            image && <PairParts main={image.filename} pair={pairOfMetadatas(image.metadatas)} uploadedIds />
          )}
          {metadatas && <MetadataList metadatas={metadatas} />}
          {details && (
            <PhotoEditForm
              key={details.jobId}
              details={details}
              onSaved={(saved) => {
                setDetails(saved);
                props.onSaved(saved);
              }}
            />
          )}
          {!details && image && <ReadOnlyText image={image} />}
        </div>
      </div>
    </dialog>
  );
}

function ReadOnlyText(props: { image: ImageView }) {
  const t = useT();
  return (
    <div>
      <p>
        <strong>{t('photo.readTitle')}</strong> {props.image.title ?? t('photo.none')}
      </p>
      <p>
        <strong>{t('photo.readDescription')}</strong> {props.image.description ?? t('photo.none')}
      </p>
      <p className="hint">{t('photo.elsewhere')}</p>
    </div>
  );
}
