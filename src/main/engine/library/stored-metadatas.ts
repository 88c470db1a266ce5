/**
 * A file's metadatas as the library stores them: the five facts the files row already holds in
 * its own columns (filename, relative_path, sha1, file_size, mime_type) are left out of the JSON
 * when they equal the columns, and put back on reading — ~150 bytes less per photo. A value that
 * differs from the column stays in the JSON and wins. Pure.
 */
import type { Metadatas } from '../../../shared/metadata';

export interface FileColumns {
  relativePath: string;
  sha1: string | null;
  size: number;
  mimeType: string | null;
}

function columnFacts(c: FileColumns): Partial<Metadatas> {
  const facts: Record<string, string> = {
    filename: c.relativePath.split(/[\\/]/).pop() ?? c.relativePath,
    relative_path: c.relativePath,
    file_size: String(c.size),
  };
  if (c.sha1 !== null) facts.sha1 = c.sha1;
  if (c.mimeType !== null) facts.mime_type = c.mimeType;
  return facts as Partial<Metadatas>;
}

export function packMetadatas(metadatas: Metadatas, columns: FileColumns): string {
  const facts = columnFacts(columns) as Record<string, unknown>;
  const kept = Object.entries(metadatas).filter(([key, value]) => facts[key] === undefined || facts[key] !== value);
  return JSON.stringify(Object.fromEntries(kept));
}

export function unpackMetadatas(stored: string, columns: FileColumns): Metadatas {
  const parsed = JSON.parse(stored) as Metadatas;
  // The facts first, in the order the scan writes them; stored values win.
  return { ...columnFacts(columns), ...parsed } as Metadatas;
}
