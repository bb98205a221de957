import { describe, expect, it } from 'vitest';
import { formatTable } from '../../src/render/text-table.js';

describe('formatTable as blocks (a table too wide for the terminal)', () => {
  const columns = [{ header: 'Agency', wrap: true }, ...Array.from({ length: 16 }, (_, i) => ({ header: String(i + 1), align: 'right' as const }))];
  const rows = [
    ['Borsetshire County Council (Children’s Services)', ...Array.from({ length: 16 }, () => '▲+0.25')],
    ['Borsetshire Police', ...Array.from({ length: 16 }, () => '= 0.00')],
  ];

  it('leads each block with the name of its row, also where that column wraps, and its figures under it', () => {
    const blocks = formatTable(columns, rows, 60).split('\n\n');
    expect(blocks).toHaveLength(2);
    const [council, police] = blocks.map((block) => block.split('\n'));
    expect(council![0]).toBe('Borsetshire County Council (Children’s Services)');
    expect(council![1]).toMatch(/^ {2}1 ▲\+0\.25 · 2 ▲\+0\.25/);
    expect(police![0]).toBe('Borsetshire Police');
    expect(police!.join('\n')).not.toContain('Agency:');
    for (const line of blocks.join('\n').split('\n')) expect(line.length).toBeLessThanOrEqual(60);
  });

  it('keeps a fixed first column at the head of its line of figures', () => {
    const fixed = [{ header: 'Criterion' }, { header: 'Rating', align: 'right' as const }, { header: 'Statement', wrap: true }];
    const text = formatTable(fixed, [['ACC-1', '2', 'A long statement '.repeat(12).trim()]], 30);
    expect(text.split('\n')[0]).toBe('ACC-1 · Rating 2');
    expect(text).toContain('  Statement: A long');
  });
});
