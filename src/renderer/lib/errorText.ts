/** Every ErrorCode in plain words, in the window's language. Pure. */
import { ERROR_CODES, type ErrorCode, type ErrorView } from '../../shared/errors';
import { english, type Translator } from '../i18n/translate';

const KNOWN = new Set<string>(ERROR_CODES);

function isKnown(code: string): code is ErrorCode {
  return KNOWN.has(code);
}

/** What happened, in a sentence of its own; a code from a newer engine falls back to its message. */
export function errorHeadline(error: ErrorView, tr: Translator = english): string {
  return isKnown(error.code) ? tr.t(`error.${error.code}`) : error.message;
}

/**
 * The engine's message adds the file and the next step; skip it when it only repeats the headline
 * (the engine speaks English, so the English headline counts as a repeat too).
 */
export function errorDetail(error: ErrorView, tr: Translator = english): string | null {
  if (!error.message) return null;
  if (isKnown(error.code) && (error.message === tr.t(`error.${error.code}`) || error.message === english.t(`error.${error.code}`))) return null;
  return error.message;
}
