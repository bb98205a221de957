/**
 * Numbers as a cell shows them (trial C, finding 7), against what Excel and LibreOffice display
 * for each format (the LibreOffice column checked by its CSV export of the same workbook in
 * test/commands/return-trial-c.test.ts), and the formats declined rather than guessed.
 */
import { describe, expect, it } from 'vitest';
import { formatNumber } from '../../src/core/number-format.js';

describe('formatNumber', () => {
  it.each([
    [0.95, '0%', '95%'],
    [0.955, '0.0%', '95.5%'],
    [0.5, '0.00%', '50.00%'],
    [1234.5, '#,##0.00', '1,234.50'],
    [1234567, '#,##0', '1,234,567'],
    [3.14159, '0.00', '3.14'],
    [2.5, '0', '3'],
    [-2.5, '0', '-3'],
    [0.5, '#.##', '.5'],
    [1250, '"£"#,##0.00', '£1,250.00'],
    [1250, '£#,##0', '£1,250'],
    [1250, '[$£-809]#,##0.00', '£1,250.00'],
    [-1250, '[$£-809]#,##0.00;[Red]-[$£-809]#,##0.00', '-£1,250.00'],
    [-1250, '£#,##0.00;(£#,##0.00)', '(£1,250.00)'],
    [-1250, '£#,##0.00', '-£1,250.00'],
    [0, '£#,##0.00;-£#,##0.00;"nil"', 'nil'],
    [20, '0" children"', '20 children'],
    [1250, '_-£* #,##0.00_-;-£* #,##0.00_-;_-£* "-"??_-;_-@_-', '£1,250.00'],
    [46154, 'dd/mm/yyyy', '12/05/2026'],
    [46154, 'mm-dd-yy', '12/05/2026'],
    [46154, 'd mmmm yyyy', '12 May 2026'],
    [46154, 'ddd d mmm yy', 'Tue 12 May 26'],
    [46154.5625, 'dd/mm/yyyy hh:mm', '12/05/2026 13:30'],
    [0.5625 + 46154, 'h:mm AM/PM', '1:30 PM'],
    [42, 'General', '42'],
    [0.95, undefined, '0.95'],
  ])('%d in %s is %s', (value, format, shown) => expect(formatNumber(value, format)).toBe(shown));

  it.each(['0.00E+00', '# ?/?', '[<100]0;0.0', '[h]:mm', '000-000', '#,##0,', '@', '[DBNum1]0'])('declines %s rather than guess', (format) => {
    expect(formatNumber(1234.5, format)).toBeUndefined();
  });
});
