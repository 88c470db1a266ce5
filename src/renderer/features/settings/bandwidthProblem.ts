/** A bandwidth as typed, checked with the parser the engine and the CLI use, and what is wrong said in the window's language. Pure. */
import { BandwidthSyntaxError, parseBandwidth } from '../../../shared/bandwidth';
import type { Translator } from '../../i18n/translate';

/** null: the text is a valid rate or timetable (empty counts as "off"). */
export function bandwidthProblem(text: string, tr: Translator): string | null {
  if (text.trim() === '') return null;
  try {
    parseBandwidth(text);
    return null;
  } catch (error) {
    if (!(error instanceof BandwidthSyntaxError)) throw error;
    const p = error.problem;
    return p.kind === 'twice' ? tr.t('bandwidth.error.twice', { at: p.at }) : tr.t(`bandwidth.error.${p.kind}`, { text: p.text });
  }
}
