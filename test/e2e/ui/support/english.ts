/**
 * What English left on a screen looks like: every English message that German words differently,
 * whole (static messages) or as its literal pieces between placeholders (ICU messages).
 */
import { de } from '../../../../src/renderer/i18n/messages/de';
import { en, type MessageKey } from '../../../../src/renderer/i18n/messages/en';

/** The text outside `{…}` arguments (plural branches included in the braces), in pieces. */
function literalPieces(message: string): string[] {
  const pieces: string[] = [];
  let depth = 0;
  let current = '';
  for (const char of message) {
    if (char === '{') {
      if (depth === 0) pieces.push(current);
      current = '';
      depth += 1;
    } else if (char === '}') depth -= 1;
    else if (depth === 0) current += char;
  }
  pieces.push(current);
  return pieces;
}

const clean = (text: string) => text.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '');

export interface EnglishMessages {
  whole: Set<string>;
  pieces: string[];
}

export function englishOnly(): EnglishMessages {
  const whole = new Set<string>();
  const pieces = new Set<string>();
  for (const key of Object.keys(en) as MessageKey[]) {
    if (en[key] === de[key]) continue;
    if (!en[key].includes('{')) {
      whole.add(en[key]);
      continue;
    }
    for (const piece of literalPieces(en[key]).map(clean)) if (piece.length >= 5 && !de[key].includes(piece)) pieces.add(piece);
  }
  return { whole, pieces: [...pieces] };
}

/** Strings on the page that are English messages or carry a piece of one. */
export function untranslated(texts: string[], english: EnglishMessages): string[] {
  return texts.filter((text) => english.whole.has(text) || english.pieces.some((piece) => text.includes(piece)));
}
