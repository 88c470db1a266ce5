/** Pure: the file type a tile without a picture shows ("HEIC", "CR3"): its extension, upper-case; "" when it has none. */
export function fileTypeLabel(filename: string): string {
  const dot = filename.lastIndexOf('.');
  return dot > 0 && dot < filename.length - 1
    ? filename
        .slice(dot + 1)
        .toUpperCase()
        .slice(0, 5)
    : '';
}
