/**
 * Escaping for the small, fixed XML documents we write (JUnit reports). Text that XML 1.0
 * cannot hold at all (control characters, lone surrogates, U+FFFE/U+FFFF) is dropped, since
 * a CI server rejects the whole report over one such character in someone's evidence.
 */

// Anything outside: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF].
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** C1 controls, DEL and bidirectional overrides are XML characters, but would act on the page: shown as signs. */
const ACTS_ON_THE_PAGE = /[\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

export function xmlChars(text: string): string {
  return text.replace(NOT_XML_CHAR, '').replace(ACTS_ON_THE_PAGE, (char) => (char === '\x7f' ? '\u2421' : `⟨U+${char.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}⟩`));
}

// Text that every replacement here would leave as it is (no markup characters, nothing outside
// XML, nothing that acts on the page): one test instead of ten replacements for nearly every
// value of a report of 1,000 criteria, where they were most of its time. test/render/junit.test.ts
// holds the two to the same result.
const PLAIN_TEXT = /^[\t\n\x20-\x25\x27-\x3b\x3d\x3f-\x7e\xa0-\u061b\u061d-\u200d\u2010-\u2029\u202f-\u2065\u206a-\ud7ff\ue000-\ufffd]*$/;
const PLAIN_ATTR = /^[\x20\x21\x23-\x25\x27-\x3b\x3d\x3f-\x7e\xa0-\u061b\u061d-\u200d\u2010-\u2029\u202f-\u2065\u206a-\ud7ff\ue000-\ufffd]*$/;

/** Character data between tags; a carriage return kept as a reference, which parsers would otherwise fold into a newline. */
export function xmlText(text: string): string {
  if (PLAIN_TEXT.test(text)) return text;
  return xmlChars(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#13;');
}

/** An attribute value, for use inside double quotes; line breaks kept as character references. */
export function xmlAttr(text: string | number): string {
  const value = String(text);
  if (PLAIN_ATTR.test(value)) return value;
  return xmlText(value).replace(/"/g, '&quot;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;');
}

/** `<name a="1" b="x">` or `<name a="1"/>`, attributes in the order given, undefined ones left out. */
export function xmlTag(name: string, attributes: Record<string, string | number | undefined>, selfClosing = false): string {
  let tag = `<${name}`;
  // for…in rather than Object.entries: the same order, without an array per attribute (a tag per criterion).
  for (const key in attributes) {
    const value = attributes[key];
    if (value !== undefined) tag += ` ${key}="${xmlAttr(value)}"`;
  }
  return `${tag}${selfClosing ? '/' : ''}>`;
}
