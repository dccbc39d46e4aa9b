// fold() reads only a prefix of a long text (an argument can be a whole component); its answer is the
// one folding the whole text gives, on texts of every length and whitespace shape around the clip.
import { describe, expect, it } from 'vitest';
import { fold } from '../src/resolve/ts-calls.js';

/** Folding the whole text: whitespace runs as one space, trimmed, clipped to `max` with `…`. */
function foldWhole(t: string, max = 120): string {
  const s = t.replace(/\s+/g, ' ').trim();
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

describe('fold', () => {
  it('equals folding the whole text', () => {
    // A fixed pseudo-random sequence: texts of words and whitespace runs (spaces, newlines, tabs,
    // no-break spaces), long runs and long texts, so prefixes end inside runs and at every distance.
    let seed = 7;
    const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2147483648), seed % n);
    const pieces = ['a', 'bc', 'def', ' ', '  ', '\n', '\n\t  ', '\u00a0', ' '.repeat(300), '\n'.repeat(900), 'x'.repeat(200), '😀'];
    for (let i = 0; i < 3000; i++) {
      const n = rnd(60);
      let t = '';
      for (let j = 0; j < n; j++) t += pieces[rnd(pieces.length)];
      for (const max of [30, 40, 60, 120]) expect(fold(t, max)).toBe(foldWhole(t, max));
    }
    const big = `${' \n'.repeat(5000)}${'<div>{x}</div>\n  '.repeat(10000)}`;
    expect(fold(big, 60)).toBe(foldWhole(big, 60));
    expect(fold(`${'y'.repeat(59)}${' '.repeat(10000)}`, 60)).toBe(foldWhole(`${'y'.repeat(59)}${' '.repeat(10000)}`, 60));
  });
});
