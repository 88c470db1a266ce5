import type { Metadatas } from '../../../shared/metadata';
import { useTranslator } from '../../i18n/I18nProvider';
import { metadataRows } from './metadataRows';

export function MetadataList(props: { metadatas: Metadatas }) {
  const tr = useTranslator();
  const rows = metadataRows(props.metadatas, tr);
  if (rows.length === 0) return <p>{tr.t('photo.noCamera')}</p>;
  return (
    <dl className="metadata" aria-label={tr.t('photo.infoLabel')}>
      {rows.map((row) => (
        <div key={row.key} className="metadata-row">
          <dt>{row.label}</dt>
          <dd data-testid={`meta-${row.key}`}>{row.value}</dd>
        </div>
      ))}
    </dl>
  );
}
