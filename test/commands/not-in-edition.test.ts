/**
 * A criterion not in the edition an agency returned on is not one it left unrated. An
 * independent trial found the partnership report saying "One agency left 19 criteria unrated"
 * of an agency that returned on the 2007-2018 edition, whose crosswalk has no equal counterpart
 * for those 19, and its profile "47 of 66 criteria rated" with nothing said of the rest.
 */
import { join } from 'node:path';
import mammoth from 'mammoth';
import { describe, expect, it } from 'vitest';
import { ROOT, runAudit, workspace } from '../helpers/cli.js';
import { readPdf } from '../helpers/pdf.js';

const RETURNS = join(ROOT, 'examples/section-11-2026-27');
const PREVIOUS = join(ROOT, 'examples/section-11');
const flat = (text: string) => text.replace(/\s+/g, ' ');

describe('criteria not in the edition an agency returned on', () => {
  it('are counted apart from those left unrated: JSON, the summary, the heat map and the profile, in PDF, Word and Welsh', async () => {
    const dir = workspace();
    const args = ['aggregate', RETURNS, '--previous', PREVIOUS, '--public', '--background-paper', 'none'];
    const [json, pdf, docx, welsh] = await Promise.all([
      runAudit(['aggregate', RETURNS, '--format', 'json']),
      runAudit([...args, '-o', join(dir, 'p.pdf')]),
      runAudit([...args, '-o', join(dir, 'p.docx')]),
      runAudit([...args, '--template', 'welsh', '-o', join(dir, 'cy.pdf')]),
    ]);
    for (const r of [json, pdf, docx, welsh]) expect(r.code, r.stderr).toBe(0);

    const view = JSON.parse(json.stdout);
    const [mapped] = view.mapping.returns;
    expect(mapped).toMatchObject({ organisation: 'Borsetshire Health NHS Trust', edition: '2007-2018' });
    const health = view.agencies.find((a: { organisation: string }) => a.organisation === mapped.organisation);
    expect(health.notInEdition).toBe(mapped.notMapped.length);
    expect(health.notInEdition).toBe(19);
    expect(health.standards.reduce((n: number, s: { notInEdition: number }) => n + s.notInEdition, 0)).toBe(19);
    for (const a of view.agencies.filter((a: { file: string }) => a.file !== mapped.file)) expect(a.notInEdition).toBe(0);
    // Standards none of whose criteria is in the 2007-2018 edition.
    const wholly = health.standards.filter((s: { rated: number; notInEdition: number; notApplicable: number; criteria: number }) => s.rated === 0 && s.notInEdition > 0 && s.notInEdition + s.notApplicable === s.criteria);
    expect(wholly.length).toBeGreaterThan(0);

    const text = flat((await readPdf(join(dir, 'p.pdf'))).text);
    const word = flat((await mammoth.extractRawText({ path: join(dir, 'p.docx') })).value);
    for (const t of [text, word]) {
      expect(t).not.toMatch(/left (19 criteria|criteria) unrated/);
      expect(t).toContain('Every agency rated every criterion that applies to it and is in the edition it returned on.');
      expect(t).toContain('One agency returned on another edition of the framework, which has no counterpart for 19 criteria of this one: they are not in the edition it returned on, rather than left unrated');
      expect(t).toContain('19 criteria of edition 2023 are not in edition 2007-2018, which it returned on, so it could not rate them');
      expect(t).toContain('Not in its edition: the agency returned on another edition of the framework');
    }
    // Each such standard's heat-map cell says so (and the key says what it means), not "Not rated".
    expect(text.match(/Not in its edition – /g)).toHaveLength(wholly.length);

    const cy = flat((await readPdf(join(dir, 'cy.pdf'))).text);
    expect(cy).toContain('nad oes ganddo gyfatebiaeth i 19 o feini prawf yn hwn');
    expect(cy).not.toMatch(/Gadawodd un asiantaeth 19/);
  });
});
