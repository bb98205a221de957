/** Anything that acts on a terminal rather than print: C0 but tab and line feed (CR only before LF), DEL, C1, bidi controls, line separators. */
export function actsOnTerminal(text: string): boolean {
  return /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]|\r(?!\n)/.test(text);
}
