/**
 * The questions `audit start` asks before the walk, for whatever its options did not give:
 * framework, organisation, its kind (where the framework declares kinds), period, assessor and
 * where to save. Answers typed last time (organisation, kind, assessor, framework) are offered
 * as defaults.
 */
import { stat } from 'node:fs/promises';
import { dirname, relative, resolve } from 'node:path';
import { toIsoDate } from '../core/dates.js';
import { countCriteria, type Framework, type OrganisationKind } from '../core/framework.js';
import { findKind, notApplicableByKind, unknownKindMessage } from '../core/kinds.js';
import { financialYearOf } from '../core/walk.js';
import { InputError } from '../errors.js';
import { loadFrameworkFile, type LoadedFramework } from '../io/framework-files.js';
import { listFrameworks, resolveFramework } from '../io/framework-library.js';
import { exists } from '../io/exists.js';
import type { Choice, Validation } from '../io/prompter.js';
import type { UserDefaults } from '../io/user-defaults.js';
import type { Session } from './session.js';

export interface StartOptions {
  framework?: string;
  org?: string;
  kind?: string;
  period?: string;
  assessor?: string;
  output?: string;
  /** Ask a line at a time, for a screen reader (src/io/line-prompter.ts). */
  screenReader?: boolean;
}

/** A new audit to create and walk, or an existing one the user chose to carry on with. */
export type StartPlan =
  | {
      kind: 'new';
      framework: LoadedFramework;
      /** As the user named it: an id, or a path. */
      frameworkRef: string;
      organisation: string;
      /** The organisation's kind, where the framework declares kinds and one was chosen. */
      organisationKind: OrganisationKind | undefined;
      period: string;
      assessor: string;
      /** Absolute path of the audit file. */
      file: string;
    }
  | { kind: 'resume'; file: string };

/** Longest values the audit schema allows. */
const MAX_NAME = 300;
const MAX_PERIOD = 60;
const OWN_FILE = '\u0000own file';
const NO_KIND = '\u0000no kind';

/** The file name to suggest for a new audit, e.g. borsetshire-county-council-climbie-2003-2025-26.yaml. */
export type FileNamer = (organisation: string, frameworkId: string, period: string) => string;

export async function askStartQuestions(
  session: Session,
  options: StartOptions,
  remembered: UserDefaults,
  fileNameFor: FileNamer,
): Promise<StartPlan> {
  const { prompter, ctx } = session;

  const { framework, frameworkRef } = options.framework
    ? { framework: await resolveFramework(options.framework, ctx.cwd, ctx.env), frameworkRef: options.framework }
    : await askFramework(session, remembered.framework);

  const organisation =
    given(options.org, '--org', MAX_NAME) ??
    (await prompter.input({
      message: 'Organisation audited',
      ...(remembered.organisation ? { default: remembered.organisation } : {}),
      validate: required('the name of the organisation', MAX_NAME),
    })).trim();
  const organisationKind = await askKind(session, framework.framework, options.kind, remembered.kind);
  const period =
    given(options.period, '--period', MAX_PERIOD) ??
    (await prompter.input({
      message: 'Period audited',
      default: financialYearOf(toIsoDate(ctx.now)),
      validate: required('the period, e.g. 2025-26', MAX_PERIOD),
    })).trim();
  const assessor =
    given(options.assessor, '--assessor', MAX_NAME) ??
    (await prompter.input({
      message: 'Assessor (who is completing the audit)',
      ...(remembered.assessor ? { default: remembered.assessor } : {}),
      validate: required('your name, or the name of the person completing the audit', MAX_NAME),
    })).trim();

  let file = options.output
    ? resolve(ctx.cwd, options.output)
    : resolve(ctx.cwd, (await askFileName(session, fileNameFor(organisation, framework.framework.id, period))).trim());
  for (;;) {
    if (!(await exists(file))) break;
    const shown = relative(ctx.cwd, file) || file;
    const choice = await prompter.select<'resume' | 'rename' | 'replace'>({
      message: `${shown} already exists. What now?`,
      choices: [
        { value: 'resume', name: 'Carry on with that audit', description: `the same as: audit resume ${shown}` },
        { value: 'rename', name: 'Save the new audit under another name' },
        { value: 'replace', name: 'Replace it with a new, empty audit', description: 'every answer in it is lost' },
      ],
      default: 'resume',
    });
    if (choice === 'resume') return { kind: 'resume', file };
    if (choice === 'replace' && (await prompter.confirm({ message: `Replace ${shown}, losing its answers?`, default: false }))) break;
    if (choice === 'rename') file = resolve(ctx.cwd, (await askFileName(session, relative(ctx.cwd, file))).trim());
  }
  return { kind: 'new', framework, frameworkRef, organisation, organisationKind, period, assessor, file };
}

/**
 * The organisation's kind, where the framework declares kinds: given with --kind, else chosen
 * from them (each with how many criteria do not apply to it), or none, so that every criterion applies.
 */
async function askKind(session: Session, framework: Framework, option: string | undefined, remembered: string | undefined): Promise<OrganisationKind | undefined> {
  const kinds = framework.kinds ?? [];
  if (option !== undefined) {
    const kind = findKind(framework, option.trim());
    if (!kind) throw new InputError(`--kind: ${unknownKindMessage(framework, option.trim())}`);
    return kind;
  }
  if (!kinds.length) return undefined;
  const choices: Choice<string>[] = kinds.map((kind) => {
    const skipped = notApplicableByKind(framework, kind).size;
    return {
      value: kind.id,
      name: `${kind.label}${skipped ? ` · ${skipped} ${skipped === 1 ? 'criterion does' : 'criteria do'} not apply` : ''}`,
      short: kind.label,
      ...(kind.description ? { description: kind.description } : {}),
    };
  });
  choices.push({ value: NO_KIND, name: 'None of these (every criterion applies)', short: 'none' });
  const chosen = await session.prompter.select<string>({
    message: 'Kind of organisation (criteria that do not apply to it are marked not applicable)',
    choices,
    ...(remembered && findKind(framework, remembered) ? { default: remembered } : {}),
    pageSize: 12,
  });
  return chosen === NO_KIND ? undefined : findKind(framework, chosen);
}

async function askFramework(session: Session, rememberedRef: string | undefined): Promise<{ framework: LoadedFramework; frameworkRef: string }> {
  const { prompter, ctx } = session;
  const frameworks = await listFrameworks(ctx.env);
  // The whole title, wrapped at words by the prompter where the terminal is narrow: a title cut short may not say which framework it is.
  const choices: Choice<string>[] = frameworks.map(({ framework, bundled }) => {
    const size = ` · ${framework.standards.length} ${framework.standards.length === 1 ? 'standard' : 'standards'}, ${countCriteria(framework)} criteria`;
    return {
      value: framework.id,
      name: `${framework.title}${size}`,
      short: framework.id,
      description: `${framework.id}, edition ${framework.version}${bundled ? '' : ', local'}: ${framework.source.title}`,
    };
  });
  choices.push({ value: OWN_FILE, name: 'A framework file of your own…' });
  const chosen = await prompter.select<string>({
    message: 'Framework to audit against',
    choices,
    ...(rememberedRef && frameworks.some((entry) => entry.framework.id === rememberedRef) ? { default: rememberedRef } : {}),
  });
  if (chosen !== OWN_FILE) return { framework: frameworks.find((entry) => entry.framework.id === chosen)!, frameworkRef: chosen };

  let framework: LoadedFramework | undefined;
  const path = await prompter.input({
    message: 'Framework file (YAML)',
    validate: async (value) => {
      if (!value.trim()) return 'Give the path to a framework file, e.g. ./our-standards.yaml';
      try {
        framework = await loadFrameworkFile(resolve(ctx.cwd, value.trim()));
        return true;
      } catch (err) {
        if (err instanceof InputError) return err.describe();
        throw err;
      }
    },
  });
  // A bare file name would be read as an id when the audit is loaded: make it a path.
  const ref = path.trim();
  return { framework: framework!, frameworkRef: /[\\/]/.test(ref) ? ref : `./${ref}` };
}

async function askFileName(session: Session, suggestion: string): Promise<string> {
  const { prompter, ctx } = session;
  return prompter.input({
    message: 'Save the audit as',
    default: suggestion,
    validate: async (value) => {
      const name = value.trim();
      if (!name) return 'Give a file name, e.g. audit.yaml';
      const folder = dirname(resolve(ctx.cwd, name));
      const info = await stat(folder).catch(() => undefined);
      if (!info?.isDirectory()) return `The folder ${relative(ctx.cwd, folder) || folder} does not exist.`;
      if (await stat(resolve(ctx.cwd, name)).then((s) => s.isDirectory(), () => false)) return `${name} is a folder; give a file name.`;
      return true;
    },
  });
}

/** An answer given as an option: checked as the prompt would check it, but refused outright. */
function given(value: string | undefined, flag: string, max: number): string | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (!text) throw new InputError(`${flag} must not be empty`);
  if (text.length > max) throw new InputError(`${flag} is longer than ${max} characters`);
  return text;
}

function required(what: string, max: number): (value: string) => Validation {
  return (value) => {
    const text = value.trim();
    if (!text) return `This is needed: give ${what}.`;
    if (text.length > max) return `Too long: at most ${max} characters.`;
    return true;
  };
}
