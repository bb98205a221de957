/**
 * Text from a file is shown in a Word report, never obeyed: a hostile audit and report details
 * (bidirectional override, a C1 control, a raw carriage return, escape sequences) rendered to
 * .docx leave none of them in any part of the file, its body, charts or properties, as the PDF
 * leaves none on its pages.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { fixture, runAudit, workspace } from '../helpers/cli.js';

/** Reverse what follows, a C1 control sequence introducer, a carriage return alone, an escape, a line separator. */
const ATTACK = '\\u202E\\u009B2J\\rX\\e[1A\\u2028\\u2066';
const FORBIDDEN = /[\u202e\u009b\r\x1b\u2066\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]/;

describe('a hostile audit rendered to Word', () => {
  it('leaves no control or bidirectional character in any part of the .docx', async () => {
    const audit = fixture('mini-audit.yaml')
      .replace('organisation: Borsetshire County Council', `organisation: "Borsetshire${ATTACK} Council"`)
      .replace('text: Bring the yearly report forward to October', `text: "Bring it forward${ATTACK}"`)
      .replace("owner: Director of Children's Services", `owner: "Director${ATTACK}"`);
    const details = `title: "Report${ATTACK} title"\ncommittee: "Cabinet${ATTACK}"\nbackgroundPapers: ["Paper${ATTACK}"]\n`;
    const dir = workspace({ 'mini-framework.yaml': fixture('mini-framework.yaml'), 'audit.yaml': audit, 'details.yaml': details });
    const result = await runAudit(['report', 'audit.yaml', '--details', 'details.yaml', '-o', 'report.docx', '--as-of', '2026-03-01'], { cwd: dir });
    expect(result.code, result.stderr).toBe(0);
    const parts = unzipSync(new Uint8Array(readFileSync(join(dir, 'report.docx'))));
    const xml = Object.entries(parts).filter(([name]) => name.endsWith('.xml') || name.endsWith('.rels'));
    expect(xml.map(([name]) => name)).toEqual(expect.arrayContaining(['word/document.xml', 'docProps/core.xml']));
    for (const [name, bytes] of xml) {
      const text = strFromU8(bytes).replace(/\r\n/g, '\n');
      expect(FORBIDDEN.exec(text)?.[0], name).toBeUndefined();
      // Character references are the same characters to a reader.
      expect(text, name).not.toMatch(/&#x?0*(?:202e|9b|155|d|13|1b|27|2066|8294);/i);
    }
    const document = strFromU8(parts['word/document.xml']!);
    const core = strFromU8(parts['docProps/core.xml']!);
    // The words stay, the controls go; a carriage return or line separator is a line break.
    expect(document).toMatch(/Borsetshire2J\s*(?:<[^>]+>\s*)*X\[1A/);
    expect(core).toMatch(/Report2J\s+X\[1A/);
  }, 60_000);
});
