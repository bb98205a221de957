/**
 * A number as a spreadsheet cell shows it through its number format (ECMA-376 §18.8.31): `95%`
 * for 0.95 in `0%`, `£1,250.00`, `12/05/2026`. For text typed into a return's text columns
 * (evidence, action, owner), which must read as the agency saw it, not as the value beneath.
 *
 * The formats people use are rendered: percentages, fixed decimals, thousands separators,
 * currency and other literal text (quoted, escaped, `[$£-809]`), sections for negatives and zero,
 * colours (ignored), and dates and times. What is not rendered faithfully (fractions, scientific
 * notation, conditions, elapsed time, digit placeholders `?`, scaling commas, digits split by
 * literals) gives undefined, so that the caller keeps the raw value and says so. Written here
 * rather than taken from SheetJS's SSF: that is the tests' independent reader, and it cannot say
 * which formats it only approximates.
 */

/** The result: the text shown, or undefined when the format is not one rendered faithfully. */
export function formatNumber(value: number, format: string | undefined): string | undefined {
  if (!Number.isFinite(value)) return undefined;
  const code = builtInAlias(format?.trim() ?? '');
  if (code === '' || /^general$/i.test(code)) return String(value);
  const sections = splitSections(code);
  if (sections.length > 4) return undefined;
  // A condition ([<100]) chooses sections by other rules than the sign.
  if (sections.some((s) => /\[[<>=]/.test(s))) return undefined;
  let section = sections[0]!;
  let shown = value;
  let signed = true;
  if (value < 0 && sections.length >= 2 && sections[1] !== '') {
    section = sections[1]!;
    shown = -value;
    signed = false; // the section itself shows the sign (or brackets), if at all
  } else if (value === 0 && sections.length >= 3 && sections[2] !== '') {
    section = sections[2]!;
  }
  const tokens = tokenise(section);
  if (tokens === undefined) return undefined;
  if (tokens.some((t) => t.kind === 'date')) return formatDate(value, tokens);
  return formatPlain(shown, tokens, signed)?.trim();
}

/** Excel's locale-dependent built-in date formats as exceljs names them, shown as a UK Excel shows them. */
function builtInAlias(code: string): string {
  if (code === 'mm-dd-yy') return 'dd/mm/yyyy';
  if (code === 'm/d/yy "h":mm' || code === 'm/d/yy h:mm') return 'dd/mm/yyyy hh:mm';
  return code;
}

function splitSections(code: string): string[] {
  const sections: string[] = [];
  let current = '';
  for (let i = 0; i < code.length; i++) {
    const ch = code[i]!;
    if (ch === '"') {
      const end = code.indexOf('"', i + 1);
      const stop = end < 0 ? code.length : end;
      current += code.slice(i, stop + 1);
      i = stop;
    } else if (ch === '\\') {
      current += code.slice(i, i + 2);
      i++;
    } else if (ch === ';') {
      sections.push(current);
      current = '';
    } else current += ch;
  }
  sections.push(current);
  return sections;
}

type Token = { kind: 'literal'; text: string } | { kind: 'digit'; char: '0' | '#' } | { kind: 'point' } | { kind: 'comma' } | { kind: 'percent' } | { kind: 'date'; code: string };

/** The section's parts, or undefined when it holds something not rendered faithfully. */
function tokenise(section: string): Token[] | undefined {
  const tokens: Token[] = [];
  const literal = (text: string) => tokens.push({ kind: 'literal', text });
  for (let i = 0; i < section.length; ) {
    const rest = section.slice(i);
    const ch = section[i]!;
    if (ch === '"') {
      const end = section.indexOf('"', i + 1);
      literal(section.slice(i + 1, end < 0 ? undefined : end));
      i = end < 0 ? section.length : end + 1;
    } else if (ch === '\\') {
      literal(section[i + 1] ?? '');
      i += 2;
    } else if (ch === '_') {
      literal(' '); // room the width of the next character: a space is what is seen
      i += 2;
    } else if (ch === '*') {
      i += 2; // a fill to the cell's width: nothing in text
    } else if (ch === '[') {
      const end = section.indexOf(']', i);
      if (end < 0) return undefined;
      const inner = section.slice(i + 1, end);
      if (/^\$/.test(inner)) literal(inner.slice(1).replace(/-[0-9A-Fa-f]+$/, '')); // [$£-809]: the currency, then its locale
      else if (!/^(black|blue|cyan|green|magenta|red|white|yellow|color\s*\d+)$/i.test(inner)) return undefined; // [h], conditions, [DBNum1]…
      i = end + 1;
    } else if (/^(am\/pm|a\/p)/i.test(rest)) {
      const code = /^(am\/pm|a\/p)/i.exec(rest)![0];
      tokens.push({ kind: 'date', code: code.toLowerCase() });
      i += code.length;
    } else if (/[ymdhse]/i.test(ch)) {
      if (/^e[+-]/i.test(rest)) return undefined; // scientific notation
      const run = new RegExp(`^${ch}+`, 'i').exec(rest)![0];
      if (/e/i.test(ch)) return undefined; // an era or exponent
      tokens.push({ kind: 'date', code: run.toLowerCase() });
      i += run.length;
    } else if (ch === '0' || ch === '#') {
      tokens.push({ kind: 'digit', char: ch });
      i++;
    } else if (ch === '.') {
      tokens.push(tokens.some((t) => t.kind === 'date') ? { kind: 'literal', text: '.' } : { kind: 'point' });
      i++;
    } else if (ch === ',') {
      tokens.push({ kind: 'comma' });
      i++;
    } else if (ch === '%') {
      tokens.push({ kind: 'percent' });
      i++;
    } else if (ch === '?' || ch === '/' && !tokens.some((t) => t.kind === 'date') || ch === '@') {
      return undefined;
    } else {
      literal(ch);
      i++;
    }
  }
  return tokens;
}

function formatPlain(value: number, tokens: Token[], signed: boolean): string | undefined {
  const digitAt = tokens.map((t, i) => (t.kind === 'digit' ? i : -1)).filter((i) => i >= 0);
  if (!digitAt.length) return tokens.map((t) => (t.kind === 'literal' ? t.text : t.kind === 'percent' ? '%' : '')).join('');
  const [first, last] = [digitAt[0]!, digitAt[digitAt.length - 1]!];
  const pointAt = tokens.findIndex((t) => t.kind === 'point');
  const inner = tokens.slice(first, last + 1);
  // Literals among the digits (000-000) and commas after the last digit (thousands scaling) are not rendered.
  if (inner.some((t) => t.kind === 'literal' || t.kind === 'percent')) return undefined;
  if (tokens.slice(last + 1).some((t) => t.kind === 'comma' || t.kind === 'point')) return undefined;
  const intPart = inner.filter((_, i) => pointAt < 0 || first + i < pointAt);
  const fracPart = pointAt < 0 ? [] : inner.filter((_, i) => first + i > pointAt);
  const grouping = intPart.some((t) => t.kind === 'comma');
  if (fracPart.some((t) => t.kind === 'comma')) return undefined;
  const minInt = intPart.filter((t) => t.kind === 'digit' && t.char === '0').length;
  const maxFrac = fracPart.filter((t) => t.kind === 'digit').length;
  const minFrac = fracPart.filter((t) => t.kind === 'digit' && t.char === '0').length;
  const percents = tokens.filter((t) => t.kind === 'percent').length;

  const scaled = Math.abs(value) * 100 ** percents;
  let [whole = '', frac = ''] = roundHalfAway(scaled, maxFrac).split('.');
  frac = frac.replace(/0+$/, '').padEnd(minFrac, '0');
  if (whole === '0' && minInt === 0) whole = '';
  whole = whole.padStart(minInt, '0');
  if (grouping) whole = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const number = `${whole}${frac || (pointAt >= 0 && maxFrac === 0) ? `.${frac}` : ''}` || '0';
  const negative = signed && value < 0 && /[1-9]/.test(number);
  const text = (list: Token[]) => list.map((t) => (t.kind === 'literal' ? t.text : t.kind === 'percent' ? '%' : '')).join('');
  return `${negative ? '-' : ''}${text(tokens.slice(0, first))}${number}${text(tokens.slice(last + 1))}`;
}

/** Rounded as Excel rounds for display: half away from zero, on the decimal digits written. */
function roundHalfAway(value: number, places: number): string {
  const fixed = value.toFixed(Math.min(20, places + 2));
  const factor = 10 ** places;
  const rounded = Math.round(Number(fixed) * factor + 1e-9) / factor;
  return rounded.toFixed(places);
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** A serial date (1900 system: day 1 is 1900-01-01, 25569 is 1970-01-01) in a date and time format. */
function formatDate(serial: number, tokens: Token[]): string | undefined {
  if (serial < 61 || tokens.some((t) => t.kind === 'digit' || t.kind === 'percent' || t.kind === 'comma')) return undefined;
  // Rounded to the second, as Excel shows times.
  const ms = Math.round((serial - 25569) * 86_400) * 1000;
  const date = new Date(ms);
  if (Number.isNaN(date.getTime())) return undefined;
  const twelveHour = tokens.some((t) => t.kind === 'date' && (t.code === 'am/pm' || t.code === 'a/p'));
  const hours = date.getUTCHours();
  const two = (n: number) => String(n).padStart(2, '0');
  const out: string[] = [];
  tokens.forEach((t, i) => {
    if (t.kind === 'point') out.push('.');
    if (t.kind === 'literal') out.push(t.text);
    if (t.kind !== 'date') return;
    // m is minutes just after an hour, or just before seconds; otherwise the month.
    const before = tokens.slice(0, i).reverse().find((x) => x.kind === 'date');
    const after = tokens.slice(i + 1).find((x) => x.kind === 'date');
    const minute = t.code[0] === 'm' && t.code.length <= 2 && ((before?.kind === 'date' && before.code[0] === 'h') || (after?.kind === 'date' && after.code[0] === 's'));
    const c = t.code;
    if (c[0] === 'y') out.push(c.length <= 2 ? two(date.getUTCFullYear() % 100) : String(date.getUTCFullYear()));
    else if (c[0] === 'm' && minute) out.push(c.length === 1 ? String(date.getUTCMinutes()) : two(date.getUTCMinutes()));
    else if (c[0] === 'm') {
      const month = date.getUTCMonth();
      out.push(c.length === 1 ? String(month + 1) : c.length === 2 ? two(month + 1) : c.length === 3 ? MONTHS[month]!.slice(0, 3) : c.length === 4 ? MONTHS[month]! : MONTHS[month]![0]!);
    } else if (c[0] === 'd') {
      const day = date.getUTCDate();
      const weekday = DAYS[date.getUTCDay()]!;
      out.push(c.length === 1 ? String(day) : c.length === 2 ? two(day) : c.length === 3 ? weekday.slice(0, 3) : weekday);
    } else if (c[0] === 'h') {
      const h = twelveHour ? hours % 12 || 12 : hours;
      out.push(c.length === 1 ? String(h) : two(h));
    } else if (c[0] === 's') out.push(c.length === 1 ? String(date.getUTCSeconds()) : two(date.getUTCSeconds()));
    else if (c === 'am/pm') out.push(hours < 12 ? 'AM' : 'PM');
    else if (c === 'a/p') out.push(hours < 12 ? 'A' : 'P');
  });
  return out.join('').trim();
}
