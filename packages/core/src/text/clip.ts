// Bounds on text taken from the repository. A value (a default, a type, a callee as written) longer
// than a bound is clipped with `…` where it enters the model, and every text an escape helper hands to
// a template is bounded again, so no input size reaches a template, a regular expression or a
// spread argument list unbounded.

/** Longest single value kept in the model: a parameter's default or type, a callee as written. */
export const MAX_VALUE = 200;
/** Longest text an escape helper passes on to a page (a description, a reason, a list). */
export const MAX_TEXT = 5000;

const isHigh = (code: number) => code >= 0xd800 && code <= 0xdbff;

/** `text` cut to at most `max` characters, the last being `…`; never splits a surrogate pair. */
export function clipEnd(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = Math.max(0, max - 1);
  if (cut > 0 && isHigh(text.charCodeAt(cut - 1))) cut--;
  return `${text.slice(0, cut)}…`;
}

/** `text` cut to at most `max` characters by dropping its middle (`head…tail`): both ends stay readable. */
export function clipMiddle(text: string, max: number): string {
  if (text.length <= max) return text;
  let head = Math.ceil((max - 1) / 2);
  let tail = text.length - Math.floor((max - 1) / 2);
  if (head > 0 && isHigh(text.charCodeAt(head - 1))) head--;
  // The tail must not start with the second half of a pair.
  if (tail < text.length && isHigh(text.charCodeAt(tail - 1)) && (text.charCodeAt(tail) & 0xfc00) === 0xdc00) tail++;
  return `${text.slice(0, head)}…${text.slice(tail)}`;
}
