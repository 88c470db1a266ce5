/**
 * The dates a range of taken dates is given in (`--from`/`--to`, the app's folder options): YYYY-MM-DD or
 * YYYY-MM-DDTHH:MM[:SS], on the calendar. One check for the command line and the UI's API schema. Pure.
 */
export const TAKEN_DATE_FORM = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2})?)?$/;

/** A day and time that exist on the calendar (2015-02-30 and 2015-13-01 do not: Date would roll them over). */
export function isOnCalendar(value: string): boolean {
  const [y, m, d, hh = 0, mm = 0, ss = 0] = value.split(/[-T:]/).map(Number);
  const date = new Date(Date.UTC(y!, m! - 1, d, hh, mm, ss));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m! - 1 && date.getUTCDate() === d && hh < 24 && mm < 60 && ss < 60;
}
