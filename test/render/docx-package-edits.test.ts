/**
 * What the report writes into the Word document the docx library packed (src/render/docx/
 * package-edits.ts): tables' alternative text, in the right table, in the place the schema gives
 * it, its text escaped so that any words read back as they were; and a chart's line series as
 * markers alone. Read back with fast-xml-parser, not the parser that placed them.
 */
import fc from 'fast-check';
import { XMLParser } from 'fast-xml-parser';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { escapeAttribute, finishDocx, withLineSeriesAsMarkers } from '../../src/render/docx/package-edits.js';

const NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';

function packed(body: string): Uint8Array {
  return zipSync({
    '[Content_Types].xml': strToU8('<Types/>'),
    'word/document.xml': strToU8(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document ${NS}><w:body>${body}</w:body></w:document>`),
    'word/styles.xml': strToU8('<w:styles/>'),
  });
}

/** Each table's properties, as the names of their children in order, with the values of the alternative text. */
function tableProperties(docx: Uint8Array): { children: string[]; title?: string; description?: string }[] {
  const xml = strFromU8(unzipSync(docx)['word/document.xml']!);
  type Node = Record<string, Node[]> & { ':@'?: Record<string, string> };
  const tree = new XMLParser({ preserveOrder: true, ignoreAttributes: false, attributeNamePrefix: '', htmlEntities: true }).parse(xml) as Node[];
  const found: { children: string[]; title?: string; description?: string }[] = [];
  const walk = (nodes: Node[]) => {
    for (const node of nodes) {
      const name = Object.keys(node).find((key) => key !== ':@')!;
      if (name === 'w:tblPr') {
        const children = node[name]!;
        const value = (tag: string) => children.find((c) => tag in c)?.[':@']?.['w:val'];
        found.push({ children: children.map((c) => Object.keys(c).find((key) => key !== ':@')!), title: value('w:tblCaption'), description: value('w:tblDescription') });
      }
      if (Array.isArray(node[name])) walk(node[name]);
    }
  };
  walk(tree);
  return found;
}

describe('Word table alternative text', () => {
  it('goes into each table in order, last in its properties but before a tracked change, and a self-closed one is opened', () => {
    const body = [
      // Markup in a comment and in text is not a table.
      '<!-- <w:tbl><w:tblPr></w:tblPr></w:tbl> --><w:p><w:r><w:t>😀 &lt;w:tblPr&gt; </w:t></w:r></w:p>',
      '<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/><w:tblLook w:val="04A0"/></w:tblPr><w:tr/></w:tbl>',
      '<w:tbl><w:tblPr/><w:tr/></w:tbl>',
      '<w:tbl><w:tblPr><w:tblW w:w="0"/><w:tblPrChange w:id="1"><w:tblPr/></w:tblPrChange></w:tblPr><w:tr/></w:tbl>',
    ].join('');
    const out = finishDocx(packed(body), [
      { title: 'First & <best>', description: 'It says "what" it is' },
      { description: 'Second' },
      { title: 'Third', description: 'With a change' },
    ]);
    const tables = tableProperties(out);
    expect(tables.map((t) => [t.title, t.description])).toEqual([
      ['First & <best>', 'It says "what" it is'],
      [undefined, 'Second'],
      ['Third', 'With a change'],
      // The properties inside the tracked change are the table's old ones, and are left alone.
      [undefined, undefined],
    ]);
    expect(tables[0]!.children).toEqual(['w:tblW', 'w:tblLook', 'w:tblCaption', 'w:tblDescription']);
    expect(tables[1]!.children).toEqual(['w:tblDescription']);
    expect(tables[2]!.children).toEqual(['w:tblW', 'w:tblCaption', 'w:tblDescription', 'w:tblPrChange']);
    // Every other part as it was.
    const parts = unzipSync(out);
    expect(Object.keys(parts)).toEqual(['[Content_Types].xml', 'word/document.xml', 'word/styles.xml']);
    expect(strFromU8(parts['word/styles.xml']!)).toBe('<w:styles/>');
    expect(strFromU8(parts['word/document.xml']!)).toContain('<!-- <w:tbl><w:tblPr></w:tblPr></w:tbl> --><w:p><w:r><w:t>😀 &lt;w:tblPr&gt; </w:t>');
  });

  it('refuses a count of descriptions that is not the count of tables', () => {
    const body = '<w:tbl><w:tblPr/></w:tbl><w:tbl><w:tblPr/></w:tbl>';
    expect(() => finishDocx(packed(body), [{ description: 'One' }])).toThrow(/2 tables, but 1 table descriptions/);
  });

  it('reads back any words as they were, less what XML cannot hold', () => {
    const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', htmlEntities: true, parseAttributeValue: false, trimValues: false });
    const tricky = fc.constantFrom('&', '<', '>', '"', "'", '\t', '\n', '\r', '&amp;', ']]>', '\u0000', '\u0008', '\ufffe', '\ud800', '😀', 'ŵ', ' ');
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string({ unit: 'binary' }), tricky), { maxLength: 8 }), (pieces) => {
        const text = pieces.join('');
        const xml = `<a v="${escapeAttribute(text)}"/>`;
        const expected = text.replace(/[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu, '');
        expect((parser.parse(xml) as { a: { v?: string } }).a.v ?? '').toBe(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('takes the line away from the line series of a chart of columns, and leaves its markers, the bars and charts of lines alone', () => {
    const bar = '<c:barChart><c:ser><c:idx val="0"/><c:spPr><a:solidFill><a:srgbClr val="B35900"/></a:solidFill><a:ln><a:noFill/></a:ln></c:spPr></c:ser></c:barChart>';
    const marker = '<c:marker><c:symbol val="dash"/><c:spPr><a:solidFill><a:srgbClr val="0B0C0C"/></a:solidFill><a:ln w="9525"><a:solidFill><a:srgbClr val="0B0C0C"/></a:solidFill></a:ln></c:spPr></c:marker>';
    const line = `<c:lineChart><c:ser><c:idx val="2"/><c:spPr><a:ln w="28575" cap="rnd"><a:solidFill><a:srgbClr val="0B0C0C"/></a:solidFill><a:round/></a:ln><a:effectLst/></c:spPr>${marker}</c:ser></c:lineChart>`;
    const chart = `<c:chartSpace xmlns:c="c" xmlns:a="a"><c:chart><c:plotArea>${bar}${line}</c:plotArea></c:chart></c:chartSpace>`;
    expect(withLineSeriesAsMarkers(chart)).toBe(chart.replace('<a:ln w="28575" cap="rnd"><a:solidFill><a:srgbClr val="0B0C0C"/></a:solidFill><a:round/></a:ln>', '<a:ln><a:noFill/></a:ln>'));
    // A chart of lines alone (the direction of travel) keeps them.
    const lines = `<c:chartSpace xmlns:c="c" xmlns:a="a"><c:chart><c:plotArea>${line}</c:plotArea></c:chart></c:chartSpace>`;
    expect(withLineSeriesAsMarkers(lines)).toBe(lines);
  });
});
