import type { Metadatas } from '../../../shared/metadata';
import { metadataRows } from './metadataRows';

export function MetadataList(props: { metadatas: Metadatas }) {
  const rows = metadataRows(props.metadatas);
  if (rows.length === 0) return <p>This file carries no camera information.</p>;
  return (
    <dl className="metadata" aria-label="Photo information">
      {rows.map((row) => (
        <div key={row.key} className="metadata-row">
          <dt>{row.label}</dt>
          <dd data-testid={`meta-${row.key}`}>{row.value}</dd>
        </div>
      ))}
    </dl>
  );
}
