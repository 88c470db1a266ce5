/** Pure: keywords typed as "harbour, dawn; boats" → ['harbour', 'dawn', 'boats'] (trimmed, no repeats, case kept). */
export function parseKeywords(text: string): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const part of text.split(/[,;\n]/)) {
    const word = part.trim();
    if (!word || seen.has(word.toLowerCase())) continue;
    seen.add(word.toLowerCase());
    out.push(word);
  }
  return out;
}

export function keywordsText(keywords: readonly string[]): string {
  return keywords.join(', ');
}
