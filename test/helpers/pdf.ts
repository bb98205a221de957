/**
 * Reads a PDF back as a reader's software would, with a PDF library (unpdf's build of pdf.js):
 * the text of each page, the document information, and the tagging a screen reader relies on.
 */
import { readFileSync } from 'node:fs';
import { getDocumentProxy } from 'unpdf';

export interface StructNode {
  role: string;
  alt?: string;
  children: StructNode[];
}

export interface PdfReading {
  pages: string[];
  text: string;
  info: Record<string, unknown>;
  markInfo: { Marked?: boolean } | null;
  viewerPreferences: Record<string, unknown> | null;
  /** The structure tree's elements on each page, in reading order. */
  structure: StructNode[];
  /** Every structure role met, e.g. H1, Table, TH, Figure. */
  roles: Set<string>;
  /** Alternative texts of Figure elements. */
  figureAlts: string[];
  /** Each page's width and height in points. */
  sizes: { width: number; height: number }[];
  /** The raw bytes as latin1, for looking at the catalog. */
  raw: string;
}

interface PdfJsStructNode {
  role?: string;
  type?: string;
  alt?: string;
  children?: PdfJsStructNode[];
}

function convert(node: PdfJsStructNode): StructNode {
  return {
    role: node.role ?? node.type ?? '',
    ...(node.alt ? { alt: node.alt } : {}),
    children: (node.children ?? []).map(convert),
  };
}

export async function readPdf(file: string): Promise<PdfReading> {
  const bytes = readFileSync(file);
  const pdf = await getDocumentProxy(new Uint8Array(bytes));
  const pages: string[] = [];
  const structure: StructNode[] = [];
  const sizes: { width: number; height: number }[] = [];
  for (let i = 1; i <= pdf.numPages; i++) {
    const page = await pdf.getPage(i);
    const [x0, y0, x1, y1] = page.view as number[];
    sizes.push({ width: Math.round(x1! - x0!), height: Math.round(y1! - y0!) });
    const content = await page.getTextContent();
    let text = '';
    for (const item of content.items as { str?: string; hasEOL?: boolean }[]) {
      if (item.str === undefined) continue;
      text += item.str + (item.hasEOL ? '\n' : '');
    }
    pages.push(text);
    const tree = (await page.getStructTree()) as PdfJsStructNode | null;
    if (tree) structure.push(convert(tree));
  }
  const roles = new Set<string>();
  const figureAlts: string[] = [];
  const visit = (node: StructNode) => {
    roles.add(node.role);
    if (node.role === 'Figure' && node.alt) figureAlts.push(node.alt);
    node.children.forEach(visit);
  };
  structure.forEach(visit);
  const meta = await pdf.getMetadata();
  const result: PdfReading = {
    pages,
    text: pages.join('\n'),
    info: meta.info as Record<string, unknown>,
    markInfo: (await pdf.getMarkInfo()) as { Marked?: boolean } | null,
    viewerPreferences: ((await (pdf as unknown as { getViewerPreferences(): Promise<unknown> }).getViewerPreferences()) ?? null) as Record<string, unknown> | null,
    structure,
    roles,
    figureAlts,
    sizes,
    raw: bytes.toString('latin1'),
  };
  await pdf.destroy();
  return result;
}

/** Text with its line breaks and runs of spaces made single spaces, for looking for phrases. */
export function flat(text: string): string {
  return text.replace(/\s+/g, ' ');
}

/**
 * The text strings of a key in the PDF's object dictionaries, e.g. every table's /Summary or
 * every header cell's expansion /E: pdf.js does not expose these, so they are read from the
 * bytes (pdfkit writes dictionaries uncompressed), as literal (…) or UTF-16 hex <FEFF…> strings.
 */
export function dictionaryStrings(raw: string, key: string): string[] {
  const pattern = new RegExp(`/${key}\\s*(\\((?:\\\\.|[^\\\\)])*\\)|<[0-9A-Fa-f\\s]*>)`, 'g');
  return [...raw.matchAll(pattern)].map((m) => decodePdfString(m[1]!));
}

function decodePdfString(token: string): string {
  if (token.startsWith('<')) {
    const hex = token.slice(1, -1).replace(/\s+/g, '');
    const bytes = Buffer.from(hex, 'hex');
    if (bytes[0] === 0xfe && bytes[1] === 0xff) return bytes.subarray(2).swap16().toString('utf16le');
    return bytes.toString('latin1');
  }
  const body = token.slice(1, -1).replace(/\\([nrtbf()\\]|[0-7]{1,3})/g, (_, c: string) => {
    const named: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f', '(': '(', ')': ')', '\\': '\\' };
    return named[c] ?? String.fromCharCode(parseInt(c, 8));
  });
  const bytes = Buffer.from(body, 'latin1');
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return bytes.subarray(2).swap16().toString('utf16le');
  return body;
}
