import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { PARTNERSHIP_REPORT_TEMPLATE } from '../../src/core/partnership-template.js';
import { bundledTemplateNames, loadReportTemplate, loadTemplate } from '../../src/io/report-template.js';
import { workspace } from '../helpers/cli.js';

async function faultOf(text: string): Promise<string> {
  const dir = workspace();
  const file = join(dir, 'ours.yaml');
  writeFileSync(file, text);
  const err = await loadReportTemplate(file).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(InputError);
  return (err as InputError).describe().replace(`${dir}/`, '');
}

describe('loadReportTemplate', () => {
  it('loads the bundled template by default and by name', async () => {
    const byDefault = await loadReportTemplate(undefined);
    const byName = await loadReportTemplate('cabinet-report');
    expect(byName.template).toEqual(byDefault.template);
    expect(byDefault.template.organisations['local-authority']!.committee).toBe('Cabinet');
    // Wording is set with typographic apostrophes, whatever the file holds.
    expect(byDefault.template.sections.purpose.text).not.toContain("'");
  });

  it('points at the placeholder itself, in plain, quoted and block text, and at the right occurrence', async () => {
    expect(await faultOf('committee: "{period} {oops}"\n')).toBe('ours.yaml:1:22: unknown placeholder {oops}; placeholders here are: {organisation} {period} {framework} {frameworkEdition} {assessor}');
    expect(await faultOf('runningHeader: "{organisation} · {comittee}"\n')).toBe(
      'ours.yaml:1:34: unknown placeholder {comittee} (did you mean {committee}?)',
    );
    // Unquoted, a leading brace is YAML for a mapping: the message says to quote it.
    expect(await faultOf('runningHeader: {organisation} · {committee}\n')).toMatch(
      /^ours\.yaml:1:\d+: invalid YAML: .*; a value that starts with a placeholder must be in quotes/,
    );
    expect(await faultOf('sections:\n  summary:\n    text: |\n      First {gapz}.\n\n      Second {gapz}.\n')).toMatch(/^ours\.yaml:4:13: unknown placeholder \{gapz\}/);
  });

  it('reports every fault, the first as the message', async () => {
    const dir = workspace();
    const file = join(dir, 'ours.yaml');
    writeFileSync(file, 'labels:\n  contents: "{a}"\n  noGaps: "{b}"\n');
    const err = (await loadReportTemplate(file).catch((e: unknown) => e)) as InputError;
    expect(err.position).toMatchObject({ line: 2, column: 14 });
    expect(err.more.map((e) => e.position?.line)).toEqual([3]);
  });

  it('checks the schema: types and keys, with positions', async () => {
    expect(await faultOf('numberParagraphs: sometimes\n')).toMatch(/^ours\.yaml:1:19: "numberParagraphs" must be true or false/);
    expect(await faultOf('language: English (UK)\n')).toMatch(/^ours\.yaml:1:11: "language" "English \(UK\)" is not valid: it must be a language tag such as en-GB or cy/);
  });

  it('refuses a file that is not a template at all', async () => {
    expect(await faultOf('')).toMatch(/empty/);
    expect(await faultOf('- a list\n')).toMatch(/must be a mapping/);
  });
});

describe('loadTemplate: templates of another kind', () => {
  async function partnershipFault(text: string): Promise<string> {
    const dir = workspace();
    const file = join(dir, 'ours.yaml');
    writeFileSync(file, text);
    const err = await loadTemplate(PARTNERSHIP_REPORT_TEMPLATE, file).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    return (err as InputError).describe().replace(`${dir}/`, '');
  }

  it('knows which bundled templates are of which kind', async () => {
    expect(await bundledTemplateNames()).toEqual(['cabinet-report', 'cabinet-report-welsh']);
    expect(await bundledTemplateNames(PARTNERSHIP_REPORT_TEMPLATE)).toEqual(['partnership-report', 'partnership-report-schools', 'partnership-report-welsh']);
    const loaded = await loadTemplate(PARTNERSHIP_REPORT_TEMPLATE, undefined);
    expect(loaded.template.officer).toBe('Partnership Business Manager');
    expect(loaded.file).toMatch(/templates\/partnership-report\.yaml$/);
  });

  it('lists the keys allowed where a shared part of the schema refuses one', async () => {
    expect(await partnershipFault('cover:\n  row: []\n')).toBe('ours.yaml:2:3: unknown key "row" (expected one of: rows; local extensions start with "x-")');
    expect(await partnershipFault('sections:\n  heatMap:\n    headng: Heat map\n')).toBe(
      'ours.yaml:3:5: unknown key "headng" (expected one of: heading, text, earlier; local extensions start with "x-")',
    );
    // A section of the template's own must be named in contents, or it would be left out without a word.
    expect(await partnershipFault('sections:\n  gapAnalysis:\n    heading: Gaps\n')).toBe('ours.yaml:2:3: the section "gapAnalysis" is not in contents.sections: name it there to include it');
    expect(await partnershipFault('sections:\n  heatmap:\n    heading: Gaps\n')).toBe('ours.yaml:2:3: unknown section "heatmap" (did you mean heatMap?)');
    expect(await partnershipFault('contents:\n  sections: [purpose, sumary]\n')).toBe('ours.yaml:2:23: contents.sections names "sumary", which is not one of the template\'s sections (did you mean summary?)');
  });

  it('says so when a Cabinet report template is given where a partnership one is needed, and the other way round', async () => {
    expect(await partnershipFault('# yaml-language-server: $schema=./report-template.schema.json\nsections:\n  gapAnalysis:\n    heading: Gaps\n')).toBe(
      'ours.yaml: this is a report template, for audit report; audit aggregate needs a partnership report template: start from a copy of templates/partnership-report.yaml',
    );
    const err = (await loadReportTemplate('partnership-report').catch((e: unknown) => e)) as InputError;
    expect(err.message).toBe(
      'no bundled report template "partnership-report": "partnership-report" is the partnership report template, for audit aggregate (bundled: cabinet-report, cabinet-report-welsh); to use your own, give the path to its .yaml file',
    );
  });
});
