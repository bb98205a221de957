/**
 * `audit export FILE | --framework ID --org NAME --period P --format xlsx [-o FILE.xlsx]`: the
 * return workbook an agency fills in, pre-filled from FILE when one is given. exceljs is loaded
 * only here and in the readers of returns.
 */
import { basename, dirname, extname, join, relative, resolve } from 'node:path';
import type { Audit } from '../core/audit.js';
import { toIsoDate } from '../core/dates.js';
import { countCriteria, type Framework, type OrganisationKind } from '../core/framework.js';
import { findKind, kindPhrase } from '../core/kinds.js';
import { buildReturnForm, NOT_APPLICABLE_CHOICE, overlongCells } from '../core/return-form.js';
import { notApplicableForKind } from '../core/return-record.js';
import { InputError, InputErrors, UsageError } from '../errors.js';
import { refuseInputAsOutput, writeFileAtomically, type CommandInput } from '../io/atomic-write.js';
import { readAudit } from '../io/audit-file.js';
import { exists } from '../io/exists.js';
import { resolveFramework } from '../io/framework-library.js';
import { creator } from '../io/package-info.js';
import type { CommandContext } from './context.js';
import type { ExportFormat } from './formats.js';
import { defaultFileName } from './new-audit-file.js';
import { dateSideWarning, parseDate, parseKind, parseRating, requireName } from './options.js';
import { auditInputs } from './write-output.js';

export interface ExportOptions {
  format: ExportFormat;
  framework?: string;
  org?: string;
  /** The organisation's kind: criteria that do not apply to it go out marked not applicable. */
  kind?: string;
  period?: string;
  assessor?: string;
  target?: string;
  output?: string;
  returnTo?: string;
  returnBy?: string;
  force?: boolean;
}

export async function runExport(file: string | undefined, options: ExportOptions, ctx: CommandContext): Promise<number> {
  const returnBy = options.returnBy === undefined ? undefined : parseDate(options.returnBy, '--return-by');
  const late = returnBy && dateSideWarning(returnBy, toIsoDate(ctx.now), '--return-by', 'future', 'the return asks for it back by a day already gone; give a later date if that was a slip');
  const returnTo = options.returnTo === undefined ? undefined : requireName(options.returnTo, '--return-to');
  if (options.output !== undefined && extname(options.output).toLowerCase() !== '.xlsx') {
    throw new UsageError(`-o names the workbook to write, so it must end in .xlsx (not "${options.output}")`);
  }
  const source = await exportSource(file, options, ctx);
  const { framework, audit, kind } = source;

  const output = resolve(ctx.cwd, options.output ?? source.defaultOutput);
  await refuseInputAsOutput(output, source.inputs);
  if (!options.force && (await exists(output))) {
    // A filled return sent back may be saved under the name it went out with: never overwrite it unasked.
    throw new InputError('already exists; choose another file with -o, or pass --force to replace it', { file: options.output ?? relative(ctx.cwd, output) });
  }

  const form = buildReturnForm(
    framework,
    {
      organisation: audit.organisation,
      ...(audit.formerNames?.length ? { formerNames: audit.formerNames } : {}),
      ...(kind ? { kind } : {}),
      period: audit.period,
      ...(audit.assessor ? { assessor: audit.assessor } : {}),
      ...(audit.target !== undefined ? { target: audit.target } : {}),
      ...(returnTo ? { returnTo } : {}),
      ...(returnBy ? { returnBy } : {}),
      createdBy: creator(),
      created: toIsoDate(ctx.now),
    },
    audit.responses,
  );
  const tooLong = overlongCells(form);
  if (tooLong.length) {
    const where = { file: file ?? output };
    throw new InputErrors(tooLong.map((message) => new InputError(message, where)) as [InputError, ...InputError[]]);
  }

  const { renderReturnWorkbook } = await import('../render/xlsx/return.js');
  const bytes = await renderReturnWorkbook(form, { created: ctx.now, creator: creator() });
  await writeFileAtomically(output, bytes);

  const prefilled = form.rows.filter((r) => (r.rating && r.notApplicable === null) || r.evidence || r.action).length;
  const notApplicable = form.rows.filter((r) => r.notApplicable !== null).length;
  const shown = relative(ctx.cwd, output) || output;
  if (late) ctx.err(late);
  ctx.say(
    `Wrote ${shown}: the return for ${audit.organisation}${kind ? ` (${kindPhrase(kind)})` : ''}, ${audit.period} (${framework.id}, ${countCriteria(framework)} criteria` +
      `${prefilled ? `, ${prefilled} pre-filled` : ''}${notApplicable ? `, ${notApplicable} marked ${NOT_APPLICABLE_CHOICE}` : ''}).\n` +
      (returnTo ? '' : 'It asks for the return to go back to whoever sent it; --return-to "NAME, EMAIL" names you instead.\n') +
      `When it comes back: audit import ${shown}${file ? ` --into ${file}` : ''}\n`,
  );
  return 0;
}

interface ExportSource {
  framework: Framework;
  audit: Pick<Audit, 'organisation' | 'formerNames' | 'period' | 'assessor' | 'target' | 'responses'>;
  kind: OrganisationKind | undefined;
  defaultOutput: string;
  /** The files it was read from, which the workbook must not replace. */
  inputs: CommandInput[];
}

/** The audit to pre-fill from, or a blank one from the options. */
async function exportSource(file: string | undefined, options: ExportOptions, ctx: CommandContext): Promise<ExportSource> {
  if (file !== undefined) {
    const given = (['framework', 'org', 'period', 'assessor', 'target'] as const).filter((key) => options[key] !== undefined);
    if (given.length) {
      throw new UsageError(`--${given[0]} goes with a blank return; an audit FILE already gives its framework, organisation and period`);
    }
    const loaded = await readAudit(resolve(ctx.cwd, file), ctx.env);
    const absolute = resolve(ctx.cwd, file);
    const framework = loaded.framework.framework;
    const recorded = loaded.audit.kind === undefined ? undefined : findKind(framework, loaded.audit.kind);
    const kind = options.kind === undefined ? undefined : parseKind(options.kind, framework);
    if (kind && recorded && kind.id !== recorded.id) {
      throw new InputError(`records its kind of organisation as ${recorded.id}; the return goes out as the audit stands, so leave out --kind ${kind.id} (or change the audit's kind first)`, { file });
    }
    // A kind the audit did not record marks what does not apply to it, as audit new --kind would have.
    const responses = kind && !recorded ? notApplicableForKind(framework, kind.id, loaded.audit.responses) : loaded.audit.responses;
    return {
      framework,
      audit: { ...loaded.audit, responses },
      kind: recorded ?? kind,
      defaultOutput: join(dirname(absolute), `${basename(absolute, extname(absolute))}.xlsx`),
      inputs: auditInputs(absolute, loaded.framework.file),
    };
  }
  if (options.framework === undefined || options.org === undefined || options.period === undefined) {
    const missing = (['framework', 'org', 'period'] as const).filter((key) => options[key] === undefined).map((key) => `--${key}`);
    throw new UsageError(`give an audit FILE to pre-fill the return from, or ${missing.join(', ')} for a blank one`);
  }
  const loaded = await resolveFramework(options.framework, ctx.cwd, ctx.env);
  const framework = loaded.framework;
  const organisation = requireName(options.org, '--org');
  const period = requireName(options.period, '--period');
  const target = options.target === undefined ? undefined : parseRating(options.target, framework, '--target');
  const assessor = options.assessor ? requireName(options.assessor, '--assessor') : undefined;
  const kind = options.kind === undefined ? undefined : parseKind(options.kind, framework);
  return {
    framework,
    audit: { organisation, period, ...(assessor ? { assessor } : {}), ...(target !== undefined ? { target } : {}), responses: kind ? notApplicableForKind(framework, kind.id, {}) : {} },
    kind,
    defaultOutput: defaultFileName(organisation, framework.id, period).replace(/\.yaml$/, '.xlsx'),
    inputs: [{ file: loaded.file, what: 'the framework file' }],
  };
}
