/**
 * A committee report as an editable Word document (.docx), from the same ReportDocument the
 * PDF is drawn from, for democratic services teams who set reports in their own Word template:
 * - headings in Word's heading styles (Title, Heading 1, Heading 2), so the navigation pane,
 *   a table of contents and the council's own styles work;
 * - sections, sub-sections and paragraphs numbered by Word's own multi-level numbering (1.,
 *   1.1; Appendix A:, A.1), so that a paragraph added in Word renumbers those after it;
 * - lists as Word lists, tables whose header row repeats on every page and whose rows are not
 *   split, RAG ratings in words with their colour; each table's alternative text (its
 *   summary, and its caption as the title), which package-edits.ts writes into the file;
 * - the chart as a Word chart (drawn by Word from its data, which "Edit Data" opens), with the
 *   same alternative text as the PDF's figure; the direction of travel's line charts likewise;
 * - a section whose heat map is too wide for a portrait page set on landscape pages, and a heat
 *   map too wide even for those split into tables of consecutive columns, as the PDF does;
 * - the running header on every page but the cover, and line spacing given as a proportion
 *   (lineRule auto) in so many words: LibreOffice reads a spacing without its rule as exact,
 *   which cut the chart to one line and set the title's lines over each other;
 * - the document's language, and framework text in another language marked as such;
 * - the same Part 1 / Part 2 handling, because the document holds only what the model holds.
 *
 * The docx library is imported here and only here, so only `--format docx` pays for loading it.
 */
import {
  AlignmentType,
  Bookmark,
  BorderStyle,
  Document,
  Footer,
  Header,
  HeadingLevel,
  LevelFormat,
  LineRuleType,
  Packer,
  PageBreak,
  PageNumber,
  PageOrientation,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableOfContents,
  TableRow,
  TextRun,
  WidthType,
  type ILevelsOptions,
  type IRunOptions,
  type ParagraphChild,
} from 'docx';
import { ChartRun } from 'docx/charts';
import type { Rag } from '../../core/gap-analysis.js';
import type { ListNumbering, ReportBlock, ReportCell, ReportColumn, ReportDocument, ReportSection, TrendChart } from '../../core/report-document.js';
import { HEAT_MAP_COLUMNS, heatColumnsPerTable, heatMapGroups } from '../heat-map-layout.js';
import { documentStrings } from '../safe-text.js';
import { finishDocx, type TableAltText } from './package-edits.js';

export interface DocxOptions {
  /** Stamped in the document's properties; passed in so output depends only on its inputs. */
  creationDate: Date;
  creator: string;
  /** Text at 12 pt and above. */
  largePrint?: boolean;
}

/** Colours as the PDF's (src/render/pdf/theme.ts), without the hash Word does not want. */
const COLOUR = {
  text: '0B0C0C',
  muted: '505A5F',
  heading: '1D3461',
  rule: 'B1B4B6',
  headerFill: 'E7E9EC',
  rag: { red: 'B1221C', amber: 'B35900', green: '00703C', unrated: '6F777B' },
  ragFill: { red: 'F4C7C3', amber: 'FBD7B0', green: 'C4E3CF', unrated: 'E7E9EC' },
} as const;

/** The font Word documents in councils are set in; Word substitutes a near one where it is missing. */
const FONT = 'Arial';

/** Sizes in points: body 11 and tables 9 at the least, or 12 and above in large print. */
function sizes(largePrint: boolean) {
  return largePrint ? { body: 14, table: 12, note: 12, h1: 19, h2: 15.5, title: 28 } : { body: 11, table: 9, note: 9, h1: 16, h2: 12.5, title: 24 };
}

const SECTIONS = 'report-sections';
const APPENDICES = 'report-appendices';
const LISTS: Record<ListNumbering, { format: (typeof LevelFormat)[keyof typeof LevelFormat]; text: string }> = {
  Disc: { format: LevelFormat.BULLET, text: '•' },
  Decimal: { format: LevelFormat.DECIMAL, text: '%1.' },
  LowerAlpha: { format: LevelFormat.LOWER_LETTER, text: '(%1)' },
  UpperAlpha: { format: LevelFormat.UPPER_LETTER, text: '(%1)' },
  LowerRoman: { format: LevelFormat.LOWER_ROMAN, text: '(%1)' },
  UpperRoman: { format: LevelFormat.UPPER_ROMAN, text: '(%1)' },
  None: { format: LevelFormat.NONE, text: '' },
};

/** A4 with 2 cm margins, in twentieths of a point; the width text and tables may use, by orientation. */
const PAGE = { width: 11906, height: 16838, margin: 1134 };
type Layout = 'portrait' | 'landscape';
const TEXT_WIDTH: Record<Layout, number> = { portrait: PAGE.width - 2 * PAGE.margin, landscape: PAGE.height - 2 * PAGE.margin };
const HALF = (pt: number) => Math.round(pt * 2);


/** Landscape for a section whose heat map does not fit across a portrait page, as the PDF sets it. */
function sectionLayout(section: ReportSection): Layout {
  const wide = section.blocks.some((b) => b.kind === 'heatmap' && heatColumnsPerTable(TEXT_WIDTH.portrait / 20) < b.columns.length);
  return wide ? 'landscape' : 'portrait';
}

/** How a table is set: its width, fixed column widths (twentieths of a point), whether it has a header row. */
interface TableLayout {
  width: number;
  widths?: number[];
  noHeader?: boolean;
}

export async function renderReportDocx(document: ReportDocument, options: DocxOptions): Promise<Uint8Array> {
  // Text from files is shown, never obeyed: the same control characters left out as on a PDF page,
  // in the body, the charts and the file's properties alike.
  const report = documentStrings(document);
  const size = sizes(Boolean(options.largePrint));
  const lang = report.language;
  // A list's items hang past their labels, "(iii)" at the body's size; under numbered paragraphs' text.
  const listLabel = Math.round(size.body * 2.4 * 20);
  const listIndent = { left: 680 + listLabel, hanging: listLabel };
  let listInstance = 0;
  /** Each table's alternative text, written into the packed file. */
  const altTexts = new Map<Table, TableAltText>();

  const run = (text: string, extra: IRunOptions = {}, own?: string): TextRun =>
    new TextRun({ text, ...extra, ...(own && own !== lang ? { language: { value: own } } : {}) });

  /** Text with line breaks kept: each "\n" a break within the paragraph. */
  const runs = (text: string, extra: IRunOptions = {}, own?: string): TextRun[] =>
    text.split('\n').map((line, i) => run(line, { ...extra, ...(i ? { break: 1 } : {}) }, own));

  /**
   * The contents' entries, each with its heading's number and a link to a bookmark on the
   * heading, written into the field as its last result. Word replaces them, with page numbers,
   * when it updates the field on opening (updateFields); LibreOffice does not update it, and
   * without them showed entries with neither numbers nor pages (the pages it fills in with
   * Tools › Update › Update All). Laying the pages out to write their numbers too
   * (docx/layout's estimatePageNumbers) matched LibreOffice's pages but took ten times the
   * whole report's time on a long one.
   */
  const contentsEntries: { title: string; level: number; href: string }[] = [];
  const bookmarked = (title: string, level: number, children: TextRun[]): Bookmark => {
    const id = `_Toc${String(contentsEntries.length + 1).padStart(4, '0')}`;
    contentsEntries.push({ title, level, href: id });
    return new Bookmark({ id, children });
  };

  const blocks = (section: ReportSection, width: number): (Paragraph | Table)[] => {
    const reference = section.appendix ? APPENDICES : SECTIONS;
    const out: (Paragraph | Table)[] = [
      new Paragraph({
        heading: HeadingLevel.HEADING_1,
        numbering: { reference, level: 0 },
        children: [bookmarked(section.heading, 1, [run(section.title)])],
        pageBreakBefore: section.appendix,
      }),
    ];
    for (const block of section.blocks) out.push(...drawBlock(block, reference, width));
    return out;
  };

  const drawBlock = (block: ReportBlock, reference: string, width: number): (Paragraph | Table)[] => {
    switch (block.kind) {
      case 'paragraph':
        return [
          new Paragraph({
            ...(block.number ? { numbering: { reference, level: 1 } } : { indent: { left: 680 } }),
            children: runs(block.text, block.note ? { italics: true, color: COLOUR.muted } : {}, block.lang),
          }),
        ];
      case 'subheading':
        return [
          new Paragraph({
            heading: HeadingLevel.HEADING_2,
            ...(block.number ? { numbering: { reference, level: 1 } } : {}),
            keepNext: true,
            children: [bookmarked(block.number ? `${block.number} ${block.text}` : block.text, 2, (block.phrases ?? [{ text: block.text }]).map((p) => run(p.text, {}, p.lang)))],
          }),
        ];
      case 'list': {
        const instance = ++listInstance;
        return block.items.map(
          (item) =>
            new Paragraph({
              numbering: { reference: `list-${block.numbering}`, level: 0, instance },
              indent: listIndent,
              children: runs(item.text, {}, item.lang),
            }),
        );
      }
      case 'table':
        return [caption(block.caption), table(block.columns, block.rows, block.rowHeader, { ...(block.caption ? { title: block.caption } : {}), description: block.summary }, { width })].filter(
          (b): b is Paragraph | Table => b !== undefined,
        );
      case 'chart':
        return [
          caption(block.caption)!,
          new Paragraph({ keepNext: true, children: [chart(block)] }),
          ...(block.targetNote ? [new Paragraph({ children: [run(block.targetNote, { italics: true, color: COLOUR.muted, size: HALF(size.table) })] })] : []),
        ];
      case 'trend': {
        // Two small line charts to a line, as in the PDF: Word draws each from its data.
        const charts = block.charts.map((one) => trendChart(block, one));
        const rows: Paragraph[] = [];
        for (let i = 0; i < charts.length; i += 2) rows.push(new Paragraph({ keepLines: true, children: charts.slice(i, i + 2) }));
        return [
          caption(block.caption)!,
          new Paragraph({ keepNext: true, children: [run(block.key, { italics: true, color: COLOUR.muted, size: HALF(size.table) })] }),
          ...rows,
        ];
      }
      case 'heatmap':
        return heatMap(block, width);
      case 'legend':
        return [
          new Paragraph({ keepNext: true, children: [run(block.caption, { bold: true, size: HALF(size.table) })] }),
          ...block.items.map((item) => new Paragraph({ indent: { left: 340 }, children: [swatch(item.rag), run(` ${item.text}`, { size: HALF(size.table) })] })),
        ];
      case 'key':
        return [
          new Paragraph({ keepNext: true, children: [run(block.caption, { bold: true, size: HALF(size.table) })] }),
          ...block.items.map((item) => new Paragraph({ indent: { left: 340 }, children: [run(`${item.label}  `, { bold: true, size: HALF(size.table) }), run(item.text, { size: HALF(size.table) }, item.lang)] })),
        ];
    }
  };

  /**
   * The heat map as one table, or as several of consecutive columns when they do not fit
   * across the page, each with the row names and the overall column, and its columns in its caption.
   */
  const heatMap = (block: Extract<ReportBlock, { kind: 'heatmap' }>, width: number): (Paragraph | Table)[] => {
    // The layout's rule is in points; widths here are in twentieths of a point.
    const groups = heatMapGroups(block.columns.length, width / 20);
    const out: (Paragraph | Table)[] = [];
    for (const { from, to } of groups) {
      const shown = block.columns.slice(from, to);
      const column = Math.round(Math.min(HEAT_MAP_COLUMNS.maxColumn * 20, (width - HEAT_MAP_COLUMNS.minRowHeader * 20) / (shown.length + 1)));
      const columns: ReportColumn[] = [
        { header: block.rowHeader, kind: 'text' },
        ...shown.map((c): ReportColumn => ({ header: c.header, kind: 'heat', align: 'center', expansion: c.expansion })),
        { header: block.overall, kind: 'heat', align: 'center' },
      ];
      const rows = block.rows.map((row): ReportCell[] => [{ text: row.header, strong: true }, ...row.cells.slice(from, to), row.overall]);
      const part = groups.length > 1 ? block.part.replace(/\{from\}/g, shown[0]!.header).replace(/\{to\}/g, shown[shown.length - 1]!.header) : '';
      const title = part ? `${block.caption} (${part})` : block.caption;
      out.push(caption(title)!, table(columns, rows, 0, { title, description: block.summary }, { width, widths: [width - column * (shown.length + 1), ...columns.slice(1).map(() => column)] }));
    }
    return out;
  };

  const caption = (text: string | undefined): Paragraph | undefined =>
    text ? new Paragraph({ keepNext: true, spacing: { before: 120 }, children: [run(text, { bold: true, size: HALF(size.table) })] }) : undefined;

  const swatch = (rag: Rag): TextRun => run('■', { color: COLOUR.rag[rag], size: HALF(size.table) });

  const table = (columns: ReportColumn[], rows: ReportCell[][], rowHeader: number | undefined, altText: TableAltText, layout: TableLayout): Table => {
    const widths = layout.widths ?? columnWidths(columns, layout.width, size.table / 9);
    const headerRow = new TableRow({
      tableHeader: true,
      cantSplit: true,
      children: columns.map(
        (column, c) =>
          new TableCell({
            width: { size: widths[c]!, type: WidthType.DXA },
            shading: { type: ShadingType.CLEAR, fill: COLOUR.headerFill, color: 'auto' },
            children: [new Paragraph({ alignment: align(column.align), children: [run(column.header, { bold: true, size: HALF(size.table) })] })],
          }),
      ),
    });
    const bodyRows = rows.map(
      (row) =>
        new TableRow({
          cantSplit: !mayOutgrowPage(row),
          children: row.map((cell, c) => tableCell(cell, columns[c]!, widths[c]!, c === rowHeader)),
        }),
    );
    const made = new Table({
      width: { size: layout.width, type: WidthType.DXA },
      columnWidths: widths,
      rows: layout.noHeader ? bodyRows : [headerRow, ...bodyRows],
      borders: {
        top: { style: BorderStyle.NONE, size: 0, color: 'auto' },
        bottom: { style: BorderStyle.SINGLE, size: 4, color: COLOUR.rule },
        left: { style: BorderStyle.NONE, size: 0, color: 'auto' },
        right: { style: BorderStyle.NONE, size: 0, color: 'auto' },
        insideHorizontal: { style: BorderStyle.SINGLE, size: 4, color: COLOUR.rule },
        insideVertical: { style: BorderStyle.NONE, size: 0, color: 'auto' },
      },
    });
    altTexts.set(made, altText);
    return made;
  };

  const tableCell = (cell: ReportCell, column: ReportColumn, width: number, isRowHeader: boolean): TableCell => {
    const main: ParagraphChild[] = [
      ...(cell.rag ? [swatch(cell.rag), run(' ', { size: HALF(size.table) })] : []),
      ...runs(cell.text, { bold: Boolean(cell.strong || isRowHeader), size: HALF(size.table) }, cell.lang),
    ];
    const paragraphs = [new Paragraph({ alignment: align(column.align), children: main })];
    if (cell.detail) paragraphs.push(new Paragraph({ spacing: { before: 60 }, children: runs(cell.detail, { size: HALF(size.table) }) }));
    if (cell.note) paragraphs.push(new Paragraph({ alignment: align(column.align), children: runs(cell.note, { size: HALF(size.note), color: COLOUR.muted }) }));
    return new TableCell({
      width: { size: width, type: WidthType.DXA },
      ...(cell.fill ? { shading: { type: ShadingType.CLEAR, fill: COLOUR.ragFill[cell.fill], color: 'auto' } } : {}),
      children: paragraphs,
    });
  };

  const chart = (block: Extract<ReportBlock, { kind: 'chart' }>): ChartRun => {
    // One series for each RAG rating, so that the legend names every colour the bars take;
    // each standard has a value in its own rating's series only, and the bars overlap whole.
    // Named by number under the bars: long names slanted across the page took the room of the
    // plot (the table after the chart names each standard, and the alternative text does too).
    const categories = block.bars.map((bar) => bar.number);
    const series = block.ragKey.map((key) => ({
      name: key.text,
      values: block.bars.map((bar) => (bar.mean !== null && bar.rag === key.rag ? bar.mean : null)),
      color: COLOUR.rag[key.rag],
    }));
    return new ChartRun({
      type: 'column',
      categories,
      series: [
        ...series,
        {
          name: block.targetLabel,
          values: block.bars.map((bar) => bar.target),
          type: 'line',
          color: COLOUR.text,
          markers: { shape: 'dash', size: 14 },
          // The targets are points, not a trend: package-edits.ts takes the line away.
        },
      ],
      overlap: 100,
      gapWidth: 80,
      // The chart's words at the tables' size: 9 pt, or 12 pt in large print (Office's default is 9).
      font: { name: FONT },
      valueAxis: { minimum: Math.min(0, block.scale.min), maximum: block.scale.max, interval: 1, font: { size: size.table } },
      categoryAxis: { title: { text: block.categoryTitle, font: { size: size.table } }, labelRotation: 0, font: { size: size.table } },
      legend: { position: 'bottom', font: { size: size.table } },
      transformation: { width: 620, height: 340 },
      altText: { name: block.caption, title: block.caption, description: block.alt },
    });
  };

  /** A standard's mean rating in each period as a Word line chart, with the target dashed across it. */
  const trendChart = (block: Extract<ReportBlock, { kind: 'trend' }>, one: TrendChart): ChartRun =>
    new ChartRun({
      type: 'line',
      // The title at the tables' size, not Office's 14 pt: a long standard's name took three
      // lines and left the plot a sliver.
      title: { text: one.label, font: { size: size.table, bold: true } },
      font: { name: FONT },
      categories: block.periods,
      series: [
        {
          name: one.label,
          values: one.points.map((p) => p.mean),
          color: COLOUR.heading,
          markers: { shape: 'circle', size: 6 },
          dataLabels: { value: true, numberFormat: '0.0', position: 'above', font: { size: size.table } },
        },
        { name: block.targetLabel, values: block.periods.map(() => one.target), color: COLOUR.text, markers: false, line: { color: COLOUR.text, width: 1.25, dash: 'dash' } },
      ],
      valueAxis: { minimum: block.scale.min, maximum: block.scale.max, interval: 1, font: { size: size.table } },
      categoryAxis: { font: { size: size.table } },
      legend: false,
      transformation: { width: 300, height: 180 },
      altText: { name: one.label, title: one.label, description: one.alt },
    });

  const furnitureSize = HALF(size.table);
  const [pageBefore = '', pageMiddle = '', pageAfter = ''] = report.pageOf.split(/\{page\}|\{pages\}/);
  // A new header and footer for each Word section: the footer's page number sits at its right margin.
  const footer = (layout: Layout): Footer =>
    new Footer({
      children: [
        new Paragraph({
          children: [
            run(report.cover.part, { bold: true, color: report.cover.isPublic ? COLOUR.muted : COLOUR.rag.red, size: furnitureSize }),
            run('\t', { size: furnitureSize }),
            run(pageBefore, { size: furnitureSize, color: COLOUR.muted }),
            new TextRun({ children: [PageNumber.CURRENT], size: furnitureSize, color: COLOUR.muted }),
            run(pageMiddle, { size: furnitureSize, color: COLOUR.muted }),
            new TextRun({ children: [PageNumber.TOTAL_PAGES], size: furnitureSize, color: COLOUR.muted }),
            run(pageAfter, { size: furnitureSize, color: COLOUR.muted }),
          ],
          tabStops: [{ type: 'right', position: TEXT_WIDTH[layout] }],
        }),
      ],
    });
  const header = (): Header => new Header({ children: [new Paragraph({ children: [run(report.runningHeader, { size: furnitureSize, color: COLOUR.muted })] })] });

  // Made after the body, whose headings give the contents its entries.
  const coverBlocks = (): (Paragraph | Table | TableOfContents)[] => [
    new Paragraph({ children: [run(report.cover.organisation, { bold: true, size: HALF(size.h1 + 2), color: COLOUR.heading })] }),
    new Paragraph({
      border: { top: { style: BorderStyle.SINGLE, size: 8, color: report.cover.isPublic ? COLOUR.heading : COLOUR.rag.red, space: 4 }, bottom: { style: BorderStyle.SINGLE, size: 8, color: report.cover.isPublic ? COLOUR.heading : COLOUR.rag.red, space: 4 } },
      children: [run(report.cover.part, { bold: true, color: report.cover.isPublic ? COLOUR.heading : COLOUR.rag.red })],
    }),
    new Paragraph({ heading: HeadingLevel.TITLE, children: [run(report.cover.title)] }),
    table(
      [
        { header: '', kind: 'text' },
        { header: '', kind: 'long' },
      ],
      report.cover.rows.map((row) => [{ text: row.label, strong: true }, { text: row.value }]),
      0,
      { title: report.cover.title, description: report.cover.summary },
      // Labels and values: no header row, as in the PDF.
      { width: TEXT_WIDTH.portrait, noHeader: true },
    ),
    ...(report.cover.notice ? [new Paragraph({ spacing: { before: 240 }, keepLines: true, border: { left: { style: BorderStyle.SINGLE, size: 24, color: COLOUR.rag.red, space: 8 } }, children: [run(report.cover.notice)] })] : []),
    new Paragraph({ children: [new PageBreak()] }),
    new Paragraph({ children: [run(report.contentsHeading, { bold: true, size: HALF(size.h1), color: COLOUR.heading })] }),
    new TableOfContents(report.contentsHeading, { hyperlink: true, headingStyleRange: '1-2', cachedEntries: contentsEntries }),
    new Paragraph({ children: [new PageBreak()] }),
  ];

  const numberingLevels = (level0: string, format0: (typeof LevelFormat)[keyof typeof LevelFormat]): ILevelsOptions[] => [
    { level: 0, format: format0, text: level0, alignment: AlignmentType.LEFT, style: { paragraph: { indent: { left: 680, hanging: 680 } } } },
    { level: 1, format: LevelFormat.DECIMAL, text: '%1.%2', alignment: AlignmentType.LEFT, style: { paragraph: { indent: { left: 680, hanging: 680 } } } },
  ];
  const appendixText = `${report.appendixLabel.replace(/\{letter\}/g, '%1')}:`;

  // Word sections: the report's sections in runs of one orientation, the cover and contents in the first.
  const runsOfLayout: { layout: Layout; sections: ReportSection[] }[] = [];
  for (const section of report.sections) {
    const layout = sectionLayout(section);
    const last = runsOfLayout.at(-1);
    if (last && last.layout === layout) last.sections.push(section);
    else runsOfLayout.push({ layout, sections: [section] });
  }
  if (runsOfLayout[0]?.layout !== 'portrait') runsOfLayout.unshift({ layout: 'portrait', sections: [] });
  const bodies = runsOfLayout.map(({ layout, sections }) => sections.flatMap((section) => blocks(section, TEXT_WIDTH[layout])));
  const cover = coverBlocks();
  const wordSections = runsOfLayout.map(({ layout }, i) => ({
    properties: {
      page: { size: { orientation: layout === 'landscape' ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT, width: PAGE.width, height: PAGE.height }, margin: { top: PAGE.margin, bottom: PAGE.margin, left: PAGE.margin, right: PAGE.margin } },
      // The cover has the footer but not the running header, as in the PDF.
      ...(i === 0 ? { titlePage: true } : {}),
    },
    headers: i === 0 ? { default: header(), first: new Header({ children: [new Paragraph({ children: [] })] }) } : { default: header() },
    footers: i === 0 ? { default: footer(layout), first: footer(layout) } : { default: footer(layout) },
    children: [...(i === 0 ? cover : []), ...bodies[i]!],
  }));
  const doc = new Document({
    creator: options.creator,
    title: report.metadata.title,
    subject: report.metadata.subject,
    keywords: report.metadata.keywords,
    description: report.metadata.subject,
    lastModifiedBy: options.creator,
    features: { updateFields: true },
    styles: {
      default: {
        document: { run: { font: FONT, size: HALF(size.body), color: COLOUR.text, language: { value: lang } }, paragraph: { spacing: { after: 120, line: 276, lineRule: LineRuleType.AUTO } } },
        title: { run: { font: FONT, size: HALF(size.title), bold: true, color: COLOUR.heading } },
        heading1: { run: { font: FONT, size: HALF(size.h1), bold: true, color: COLOUR.heading }, paragraph: { spacing: { before: 240, after: 120 }, keepNext: true } },
        heading2: { run: { font: FONT, size: HALF(size.h2), bold: true, color: COLOUR.heading }, paragraph: { spacing: { before: 200, after: 80 }, keepNext: true } },
      },
    },
    numbering: {
      config: [
        { reference: SECTIONS, levels: numberingLevels('%1.', LevelFormat.DECIMAL) },
        { reference: APPENDICES, levels: numberingLevels(appendixText, LevelFormat.UPPER_LETTER) },
        ...(Object.entries(LISTS) as [ListNumbering, (typeof LISTS)[ListNumbering]][]).map(([name, list]) => ({
          reference: `list-${name}`,
          levels: [{ level: 0, format: list.format, text: list.text, alignment: AlignmentType.LEFT, style: { paragraph: { indent: listIndent } } }],
        })),
      ],
    },
    sections: wordSections,
  });
  const packed = new Uint8Array(await Packer.toBuffer(doc));
  // The document's tables in its order (none is inside another).
  const tables = wordSections.flatMap((section) => section.children).filter((child): child is Table => child instanceof Table);
  return finishDocx(packed, tables.map((t) => altTexts.get(t)!));
}

/**
 * Whether a row may be taller than a page (pages of evidence). Such a row cannot be kept whole,
 * and what an application does with one it is told to keep whole varies (LibreOffice breaks it
 * anyway; Word has been known to cut it off at the foot of the page), so only rows short enough
 * to fit are kept whole: at 9 pt a page's narrowest text column holds well over this many
 * characters.
 */
function mayOutgrowPage(row: readonly ReportCell[]): boolean {
  return row.some((cell) => cell.text.length + (cell.detail?.length ?? 0) + (cell.note?.length ?? 0) > 1200);
}

function align(value: ReportColumn['align']): (typeof AlignmentType)[keyof typeof AlignmentType] {
  return value === 'right' ? AlignmentType.RIGHT : value === 'center' ? AlignmentType.CENTER : AlignmentType.LEFT;
}

/**
 * Column widths in twentieths of a point from their kinds, as the PDF shares them out, across
 * `width`; the fixed ones grow with the table's type (`typeScale`: 1 at 9 pt), so that a header
 * such as "Below target" is not broken between letters in large print.
 */
function columnWidths(columns: ReportColumn[], width: number, typeScale: number): number[] {
  const fixed: Partial<Record<ReportColumn['kind'], number>> = { id: 60, criterion: 62, number: 44, ratio: 50, priority: 50, rating: 62, rag: 72, date: 76, short: 62, heat: 44 };
  const points = columns.map((c) => (fixed[c.kind] === undefined ? undefined : fixed[c.kind]! * typeScale));
  const fixedSum = points.reduce<number>((sum, p) => sum + (p ?? 0), 0);
  const shares: number[] = columns.map((c) => (c.kind === 'long' ? 2 : c.kind === 'text' ? 1 : 0));
  const shareSum = shares.reduce((a, b) => a + b, 0);
  const total = width / 20;
  const unit = shareSum ? Math.max(40, (total - fixedSum) / shareSum) : 0;
  const raw = columns.map((_, i) => points[i] ?? shares[i]! * unit);
  const scale = total / raw.reduce((a, b) => a + b, 0);
  return raw.map((w) => Math.round(w * scale * 20));
}
