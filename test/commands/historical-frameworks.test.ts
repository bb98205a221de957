/**
 * The three historical frameworks (climbie-2003, working-together-2013, ceo-briefing-2009),
 * given references and corrected in place in 2026: each criterion cited to its place in the
 * source, and corrected where the source was misread, without changing what a return made
 * against them says. That their returns read, analyse and report as they did is held by
 * test/commands/editions.test.ts on the records in test/fixtures/editions/<id>@<version>/; this
 * file holds the examples themselves, the corrections, and their strict validation (that of the
 * whole library is in editions.test.ts).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseRegister, statementDigest } from '../../src/core/criterion-register.js';
import type { Framework } from '../../src/core/framework.js';
import { ROOT, runAudit } from '../helpers/cli.js';
import { withCorrectedWording } from '../helpers/errata.js';

const HISTORICAL = ['climbie-2003', 'working-together-2013', 'ceo-briefing-2009'];
const text = (id: string) => readFileSync(join(ROOT, 'standards', `${id}.yaml`), 'utf8');
const load = (id: string) => parse(text(id)) as Framework;
const criteria = (id: string) => new Map(load(id).standards.flatMap((s) => s.criteria).map((c) => [c.id, c]));
const register = parseRegister(readFileSync(join(ROOT, 'standards/criterion-register.txt'), 'utf8')).lines;

describe('strict validation', () => {
  it('passes the three historical frameworks, every criterion cited to a place in its source', async () => {
    const { code, stdout, stderr } = await runAudit(['standards', 'validate', '--strict', ...HISTORICAL.map((id) => `standards/${id}.yaml`)]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain('climbie-2003.yaml: valid (climbie-2003, 7 standards, 62 criteria)');
  });
});

describe('the Climbié examples', () => {
  const RECORDS = join(ROOT, 'test/fixtures/editions/climbie-2003@2003');
  const record = (name: string) => JSON.parse(readFileSync(join(RECORDS, name), 'utf8'));

  it.each(['borsetshire-climbie-2002-03', 'borsetshire-climbie-2003-04'])('%s analyses and plans as it did before the corrections', async (name) => {
    const [gap, plan] = await Promise.all([
      runAudit(['gap', `examples/${name}.yaml`, '--format', 'json']),
      runAudit(['plan', `examples/${name}.yaml`, '--format', 'json', '--as-of', '2026-03-31']),
    ]);
    expect(JSON.parse(gap.stdout)).toMatchObject(record(`${name}.gap.json`));
    expect(JSON.parse(plan.stdout)).toMatchObject(record(`${name}.plan.json`));
  });

  it('compare the same way, period against period', async () => {
    const { code, stdout } = await runAudit(['compare', 'borsetshire-climbie-2002-03.yaml', 'borsetshire-climbie-2003-04.yaml', '--format', 'json'], { cwd: RECORDS });
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject(withCorrectedWording(record('compare.json')));
  });

  it('rest on statements as published: climbie-2003 was corrected in guidance, references and notes only', () => {
    for (const [id, criterion] of criteria('climbie-2003')) {
      const lines = register.filter((l) => l.framework === 'climbie-2003' && l.criterion === id);
      expect(lines.map((l) => l.digest), id).toEqual([statementDigest(criterion.text)]);
    }
  });
});

describe('the corrections the 2026 review asked for', () => {
  it('ceo-briefing-2009 no longer repeats the briefing’s section 31 citation, and says what the briefing did not', () => {
    const acc9 = criteria('ceo-briefing-2009').get('ACC-9')!;
    expect(acc9.reference).toMatch(/cites Children Act 2004 section 31, wrongly: section 31 establishes LSCBs in Wales/);
    expect(acc9.guidance).toMatch(/It does\s+not say the results were reported to the LSCB/);
    expect(criteria('ceo-briefing-2009').get('GOV-7')!.reference).toMatch(/without naming the document/);
  });

  it('climbie-2003 names generic 2003 roles, Leicester’s in its citation, and rec. 13 as a national recommendation', () => {
    const climbie = load('climbie-2003');
    expect(climbie.roles).toEqual(expect.arrayContaining(['Director of Social Services', 'Chief Education Officer', 'Head of Legal Services', 'Head of Personnel']));
    expect(climbie.roles!.filter((r) => /Corporate Director|Lifelong Learning|Children's Homes/.test(r))).toEqual([]);
    expect(climbie.source.citation).toMatch(/Corporate Director of Resources, Access and Diversity/);
    for (const id of ['REF-7', 'GUI-2']) expect(criteria('climbie-2003').get(id)!.reference, id).toMatch(/^Laming rec\. 13, .*national recommendation/);
    expect(text('climbie-2003')).not.toMatch(/the tool had "no descriptive narrative"/);
  });

  it('working-together-2013 LSCB-1 names Board partners, recorded as an erratum with its reason', () => {
    expect(criteria('working-together-2013').get('LSCB-1')!.text).toMatch(/every Board partner/);
    const lines = register.filter((l) => l.framework === 'working-together-2013' && l.criterion === 'LSCB-1');
    expect(lines).toHaveLength(2);
    expect(lines[1]!.erratum).toMatch(/section 13 of the Children Act 2004/);
  });

  it.each(HISTORICAL)('%s says in its header what could not be checked', (id) => {
    expect(text(id)).toMatch(/^# Not checked/m);
  });
});
