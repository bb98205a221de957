/**
 * `visible` and `oneLine` return text that holds nothing to change as it is, after one test,
 * rather than running their replacements (src/render/safe-text.ts): held here to the
 * replacements alone, on text made of the characters either treats specially and plain ones.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { oneLine, visible } from '../../src/render/safe-text.js';

// The replacements as they are written in safe-text.ts, without the shortcut.
const CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/g;
const LINE_BREAK = /\r\n|[\r\u0085\u2028\u2029]/g;
function sign(char: string): string {
  const code = char.charCodeAt(0);
  if (code < 0x20) return String.fromCharCode(0x2400 + code);
  if (code === 0x7f) return '\u2421';
  return `⟨U+${code.toString(16).toUpperCase().padStart(4, '0')}⟩`;
}
const visibleByReplacing = (text: string) => text.replace(LINE_BREAK, '\n').replace(CONTROL, sign);
const oneLineByReplacing = (text: string) => visibleByReplacing(text).replace(/[\n\t]+/g, ' ');

// Every character either function treats specially, the characters beside each range, and plain text.
const SPECIAL = [
  '\x00', '\x07', '\x08', '\t', '\n', '\x0b', '\r', '\r\n', '\x1b', '\x1f', '\x7f', '\x85', '\x9f', '\xa0',
  '\u061b', '\u061c', '\u061d', '\u200d', '\u200e', '\u200f', '\u2010', '\u2027', '\u2028', '\u2029', '\u202a',
  '\u202e', '\u202f', '\u2065', '\u2066', '\u2069', '\u206a', 'é', '中', '😀',
];
const text = fc.array(fc.oneof(fc.constantFrom(...SPECIAL), fc.string({ maxLength: 6 })), { maxLength: 12 }).map((parts) => parts.join(''));

describe('visible and oneLine', () => {
  it('give what their replacements give, with or without anything to replace', () => {
    fc.assert(
      fc.property(text, (t) => {
        expect(visible(t)).toBe(visibleByReplacing(t));
        expect(oneLine(t)).toBe(oneLineByReplacing(t));
      }),
      { numRuns: 3000 },
    );
  });

  it('make each special character visible, or a space on one line', () => {
    for (const char of SPECIAL) {
      expect(visible(`a${char}b`)).toBe(visibleByReplacing(`a${char}b`));
      expect(oneLine(`a${char}b`)).toBe(oneLineByReplacing(`a${char}b`));
    }
    expect(visible('plain text, unchanged')).toBe('plain text, unchanged');
    expect(oneLine('two\nlines\tand a tab')).toBe('two lines and a tab');
    expect(visible('\x1b[2J')).toBe('\u241b[2J');
  });
});
