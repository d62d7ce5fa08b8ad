/**
 * Text that begins with = + - @, a tab or a carriage return is read as a formula by Excel, WPS and LibreOffice
 * (most dangerously when a sheet is saved as CSV and reopened). Every text cell an export writes goes through
 * here; numbers and dates go out as real cells and never need it.
 */
const TRIGGER = /^[=+\-@\t\r]/;

export function neutraliseFormula(text: string): string {
  return TRIGGER.test(text) ? `'${text}` : text;
}

/** True when a text would be taken for a formula. */
export function looksLikeFormula(text: string): boolean {
  return TRIGGER.test(text);
}
