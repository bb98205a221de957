import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { loadReportTemplate } from '../../src/io/report-template.js';
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
    expect(byDefault.template.committee).toBe('Cabinet');
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
