/**
 * The command line: declares every command and its options (one definition each, in a table
 * of command names), defines on each run only the commands it needs (register()), loads the
 * command's module only when it runs, and is the one place that turns results and errors into
 * exit statuses:
 *   0 success · 1 a check that fails · 2 bad input or usage · 3 a file could not be written
 *   (or is held by another session) · 130 cancelled (129, 143 for SIGHUP, SIGTERM) · 70 a bug.
 */
import { Command, CommanderError, Option } from 'commander';
import { AuditError, InputError, InputErrors, UsageError } from './errors.js';
import { HELP_EXAMPLES } from './help-examples.js';
import { fitHelpToTerminal, helpAfter } from './help-layout.js';
import type { CommandContext } from './commands/context.js';
import { NATIONS } from './core/nations.js';
import { packageVersion } from './io/package-info.js';
import {
  AGGREGATE_FORMATS,
  CHECK_FORMATS,
  COMPARE_FORMATS,
  EXPORT_FORMATS,
  GAP_FORMATS,
  LIST_FORMATS,
  MAP_FORMATS,
  PLAN_FORMATS,
  REPORT_FORMATS,
  SHOW_FORMATS,
  TREND_FORMATS,
  VERIFY_FORMATS,
  type GapFormat,
  type ListFormat,
  type MapFormat,
  type PlanFormat,
  type ShowFormat,
  type TrendFormat,
} from './commands/formats.js';

/**
 * Defines a command, named as its key in a table of commands: its description, arguments, options,
 * help and action. A group's definition is given `rest`, the arguments after its name, to pass on
 * to register(); undefined when every command is being defined.
 */
type Define = (command: Command, rest: readonly string[] | undefined) => unknown;
type CommandTable = Readonly<Record<string, Define>>;

/** The context a command's action runs in, its options' --no-color among them. */
async function context(command: Command): Promise<CommandContext> {
  const { processContext } = await import('./commands/context.js');
  return processContext({ color: command.optsWithGlobals().color as boolean | undefined });
}

/** Sets the exit status a command's action returned. */
function finish(code: number): void {
  process.exitCode = code;
}

const SCREEN_READER_HELP =
  'ask one line at a time: numbered lists answered by number, nothing redrawn or coloured, for a screen reader ' +
  '(also AUDIT_SCREEN_READER=1, and on a terminal with TERM=dumb)';

/** The subcommands of `audit standards`, in the order its help lists them. */
const STANDARDS_COMMANDS: CommandTable = {
  list: (command) =>
    command
      .description('list the frameworks available (bundled, and any in AUDIT_STANDARDS_PATH), with their editions')
      .addOption(new Option('--format <format>', 'output format').choices(LIST_FORMATS).default('table'))
      .option('--json', 'same as --format json')
      .action(async (options: { format: ListFormat; json?: boolean }, command: Command) => {
        const { runStandardsList } = await import('./commands/standards-list.js');
        finish(await runStandardsList({ format: options.json ? 'json' : options.format }, await context(command)));
      }),

  show: (command) =>
    command
      .description('show a framework in full: scale, standards, criteria, guidance')
      .argument('<framework>', 'a framework id (its current edition), id@edition for an earlier one, or the path to a framework file')
      .addOption(new Option('--format <format>', 'output format').choices(SHOW_FORMATS).default('text'))
      .action(async (ref: string, options: { format: ShowFormat }, command: Command) => {
        const { runStandardsShow } = await import('./commands/standards-show.js');
        finish(await runStandardsShow(ref, options, await context(command)));
      }),

  validate: (command) =>
    command
      .description('check framework and crosswalk files against their schemas and rules (exit 0 valid, 2 invalid)')
      .argument('[file...]', 'framework or crosswalk YAML files')
      .option('--strict', 'also require what a careful editor checks: a reference naming the place in the source, guidance and evidence examples for every criterion; in a crosswalk, every criterion mapped, a rationale for every pair not equal (or equal but worded differently), and its sources')
      .option('--library', 'check every framework and crosswalk on the search path (bundled and AUDIT_STANDARDS_PATH), how its editions fit together, and any criterion register')
      .action(async (files: string[], options: { strict?: boolean; library?: boolean }, command: Command) => {
        const { runStandardsValidate } = await import('./commands/standards-validate.js');
        finish(await runStandardsValidate(files, options, await context(command)));
      }),

  map: (command) =>
    command
      .description('show the crosswalk between two editions or frameworks: each criterion and its counterparts, and what nothing maps')
      .argument('<from>', 'a framework id (its current edition) or id@edition')
      .argument('<to>', 'a framework id or id@edition')
      .addOption(new Option('--format <format>', 'output format').choices(MAP_FORMATS).default('table'))
      .addHelpText(
        'after',
        helpAfter(
          [
            'Relationships read from the first criterion to the second: equal (the same requirement; ratings carry across), subset (part of it), ' +
              'superset (more than it), intersects (they overlap), none (nothing corresponds).',
          ],
        ),
      )
      .action(async (from: string, to: string, options: { format: MapFormat }, command: Command) => {
        const { runStandardsMap } = await import('./commands/standards-map.js');
        finish(await runStandardsMap(from, to, options, await context(command)));
      }),
};

/** Every command, in the order `audit --help` lists them. */
const COMMANDS: CommandTable = {
  standards: (standards, rest) => {
    standards.description('the frameworks of standards: list, show, validate, map');
    register(standards, STANDARDS_COMMANDS, rest);
  },

  new: (command) =>
    command
      .description('create a new audit file listing every criterion of a framework, ready to rate')
      .option('--framework <id|path>', 'framework id (audit standards list), id@edition, or framework file; the current edition unless told')
      .option('--edition <version>', 'an edition other than the current one (as audit standards list shows it)')
      .option('--org <name>', 'the organisation audited')
      .option('--kind <id>', "the organisation's kind, one of the framework's kinds: criteria that do not apply to it are marked not applicable")
      .requiredOption('--period <period>', 'the period audited, e.g. 2025-26')
      .option('--from <file>', "start from last period's audit: its framework (in the current edition), evidence and open actions, ratings cleared")
      .option('--assessor <name>', 'who is completing the audit')
      .option('--target <rating>', "target rating for every criterion, instead of the framework's")
      .option('-o, --output <file>', 'where to write it (default: <org>-<framework>-<period>.yaml)')
      .option('--force', 'replace the file if it exists')
      .action(async (options, command: Command) => {
        const { runNew } = await import('./commands/new.js');
        finish(await runNew(options, await context(command)));
      }),

  start: (command) =>
    command
      .description('start a new audit and rate it criterion by criterion, with prompts (needs a terminal)')
      .option('--framework <id|path>', 'framework id (audit standards list), id@edition, or framework file')
      .option('--org <name>', 'the organisation audited')
      .option('--kind <id>', "the organisation's kind, where the framework declares kinds (asked for otherwise)")
      .option('--period <period>', 'the period audited, e.g. 2025-26')
      .option('--assessor <name>', 'who is completing the audit')
      .option('-o, --output <file>', 'where to save it (default: <org>-<framework>-<period>.yaml)')
      .option('--screen-reader', SCREEN_READER_HELP)
      .action(async (options, command: Command) => {
        const { runStart } = await import('./commands/start.js');
        finish(await runStart(options, await context(command)));
      }),

  resume: (command) =>
    command
      .description('carry on rating an audit with prompts, from the first criterion without a rating (needs a terminal)')
      .argument('<file>', 'the audit file')
      .option('--review', 'walk the rated criteria again, their answers offered as defaults')
      .option('--standard <id>', "only this standard's criteria")
      .option('--screen-reader', SCREEN_READER_HELP)
      .action(async (file: string, options: { review?: boolean; standard?: string; screenReader?: boolean }, command: Command) => {
        const { runResume } = await import('./commands/resume.js');
        finish(await runResume(file, options, await context(command)));
      }),

  rate: (command) =>
    command
      .description('record a rating, evidence and improvement action for one criterion, without prompts')
      .argument('<file>', 'the audit file')
      .argument('<criterion>', 'criterion id, e.g. REF-1')
      .option('--rating <n>', "a value on the framework's scale (replaces a not-applicable answer)")
      .option('--not-applicable <reason>', 'the criterion does not apply to the organisation, and why (replaces a rating)')
      .option('--applicable', 'clear a not-applicable answer: the criterion applies, and is not assessed until rated')
      .option('--evidence <text>', 'what shows the rating is deserved ("-" reads it from standard input)')
      .option('--action <text>', 'the improvement action, where the rating falls short')
      .option('--owner <name>', 'who owns the action')
      .option('--due <date>', 'when the action is due (DD/MM/YYYY or YYYY-MM-DD)')
      .option('--status <status>', 'action status: open, in-progress or done (or words such as completed, ongoing, not started)')
      .action(async (file: string, criterion: string, options, command: Command) => {
        const { runRate } = await import('./commands/rate.js');
        finish(await runRate(file, criterion, options, await context(command)));
      }),

  export: (command) =>
    command
      .description("write an agency's return: an Excel workbook to fill in, pre-filled from an audit or blank")
      .argument('[file]', 'the audit to pre-fill it from (else give --framework, --org and --period)')
      .addOption(new Option('--format <format>', 'the kind of file').choices(EXPORT_FORMATS).default('xlsx'))
      .option('--framework <id|path>', 'for a blank return: bundled framework id or framework file')
      .option('--org <name>', 'for a blank return: the organisation that will fill it in')
      .option('--period <period>', 'for a blank return: the period, e.g. 2025-26')
      .option('--kind <id>', "the organisation's kind, one of the framework's: what does not apply to it goes out marked Not applicable")
      .option('--assessor <name>', 'for a blank return: who is to complete it')
      .option('--target <rating>', "for a blank return: target rating for every criterion, instead of the framework's")
      .option('--return-to <who>', 'who the completed return goes to, e.g. "Partnership Business Unit, s11@borsetshire.gov.uk"')
      .option('--return-by <date>', 'when it is due back, DD/MM/YYYY or YYYY-MM-DD')
      .option('-o, --output <file.xlsx>', 'where to write it (default: FILE.xlsx beside the audit, or <org>-<framework>-<period>.xlsx)')
      .option('--force', 'replace the workbook if it exists')
      .action(async (file: string | undefined, options, command: Command) => {
        const { runExport } = await import('./commands/export.js');
        finish(await runExport(file, options, await context(command)));
      }),

  import: (command) =>
    command
      .description('read a filled return workbook back: as a new audit file, or into an existing audit')
      .argument('<return.xlsx>', 'the return workbook, as the agency sent it back')
      .option('-o, --output <file.yaml>', 'the new audit file (default: <org>-<framework>-<period>.yaml)')
      .option('--into <file.yaml>', 'record the answers into this existing audit instead (blank cells leave its answers as they are)')
      .option('--framework <id|path>', "the return's framework, when it is neither bundled nor in AUDIT_STANDARDS_PATH")
      .option('--force', 'replace the new audit file if it exists')
      .action(async (file: string, options, command: Command) => {
        const { runImport } = await import('./commands/import.js');
        finish(await runImport(file, options, await context(command)));
      }),

  gap: (command) =>
    command
      .description('gap analysis: each criterion and standard against target, with RAG and priorities')
      .argument('<file>', 'the audit file')
      .addOption(new Option('--format <format>', 'output format (xlsx: a workbook, written with -o)').choices(GAP_FORMATS).default('table'))
      .option('-o, --output <file>', 'write to FILE instead of printing, in the format its name ends in (.csv, .json, .md, .xlsx) unless --format says')
      .option('--public', 'for sharing or publication: evidence, reasons for not applicable and moderation notes left out')
      .action(async (file: string, options: { format: GapFormat; output?: string; public?: boolean }, command: Command) => {
        const { runGap } = await import('./commands/gap.js');
        const formatGiven = command.getOptionValueSource('format') === 'cli';
        finish(await runGap(file, { ...options, formatGiven }, await context(command)));
      }),

  plan: (command) =>
    command
      .description('the improvement plan: one row per gap, highest priority first, with owners, due dates and what is overdue')
      .argument('<file>', 'the audit file')
      .addOption(new Option('--format <format>', 'output format (xlsx: a tracker workbook, written with -o)').choices(PLAN_FORMATS).default('table'))
      .option('--as-of <date>', 'judge overdue actions as at this date, DD/MM/YYYY or YYYY-MM-DD (default: today)')
      .option('-o, --output <file>', 'write to FILE instead of printing, in the format its name ends in (.csv, .json, .md, .xlsx) unless --format says')
      .option('--public', 'for sharing or publication: the reasons criteria do not apply left out')
      .action(async (file: string, options: { format: PlanFormat; asOf?: string; output?: string; public?: boolean }, command: Command) => {
        const { runPlan } = await import('./commands/plan.js');
        const formatGiven = command.getOptionValueSource('format') === 'cli';
        finish(await runPlan(file, { ...options, formatGiven }, await context(command)));
      }),

  report: (command) =>
    command
      .description('the committee report as an accessible PDF or an editable Word document: findings, gap analysis, plan, implications')
      .argument('<file>', 'the audit file')
      .option('-o, --output <file>', 'where to write it, .pdf or .docx (default: beside the audit, FILE.pdf, or FILE-public.pdf with --public)')
      .addOption(new Option('--format <format>', 'pdf or docx (default: from the -o name, else pdf)').choices(REPORT_FORMATS))
      .option('--public', 'a public (Part 1) item: every evidence and moderation note left out; ratings, gaps and plan kept')
      .option('--details <file>', "the report's facts: author, contact officer, cabinet member, background papers, consultation … (YAML)")
      .option('--template <name|path>', 'report wording: a bundled template (welsh) or your own copy of templates/cabinet-report.yaml')
      .option('--title <text>', "the report's title (default: the template's)")
      .option('--committee <name>', "the committee it goes to (default: by kind of organisation; Cabinet for a council)")
      .option('--meeting-date <date>', 'date of the meeting, DD/MM/YYYY or YYYY-MM-DD (default: shown as to be confirmed)')
      .option('--officer <name>', "whose report it is (default: by kind of organisation; Director of Children's Services for a council)")
      .option('--portfolio-holder <name>', 'the cabinet member (portfolio holder) on the cover')
      .option('--background-paper <text>', 'a background paper (repeat for each; "none" for none)', collect)
      .addOption(new Option('--nation <nation>', "whose law: the framework's legal basis and a council's exemption notice").choices(NATIONS))
      .option('--organisation-kind <kind>', "the kind of organisation, when the audit has no kind (e.g. police, health, education)")
      .option('--large-print', 'large print: text at 12 pt and above')
      .addOption(new Option('--unprintable <how>', 'text the PDF\'s fonts cannot print (Arabic, Chinese … script): refuse (the default: nothing written; Word keeps it) or placeholder (a marker in its place)').choices(['refuse', 'placeholder']))
      .option('--as-of <date>', "report the plan's progress as at this date, DD/MM/YYYY or YYYY-MM-DD (default: the earlier of today and the meeting date)")
      .option('--history <files...>', "the organisation's audits of earlier periods: adds the direction of travel, a line chart and table per standard over the periods")
      .action(async (file: string, options, command: Command) => {
        const { runReport } = await import('./commands/report.js');
        finish(await runReport(file, options, await context(command)));
      }),

  check: (command) =>
    command
      .description('pass or fail an audit against a gate, for CI (exit 0 pass, 1 fail, 2 bad input)')
      .argument('<file>', 'the audit file, or a filled return workbook (.xlsx)')
      .addOption(
        new Option('--fail-on <level>', 'fail on any red standard, any amber or red standard, any criterion below target, or none of these')
          .choices(['red', 'amber', 'gap', 'none'])
          .default('red'),
      )
      .option('--min-rating <n>', 'fail if any rated criterion is rated below N')
      .option('--require-complete', 'fail if any criterion is not assessed')
      .addOption(new Option('--format <format>', 'output format').choices(CHECK_FORMATS).default('text'))
      .option('--public', 'leave every evidence and moderation note out of the report (for CI artifacts and anything shared)')
      .option('-o, --output <file>', 'write the report to FILE (.json, .xml for JUnit, .md: that format unless --format says), and the verdict to standard output')
      .action(async (file: string, options, command: Command) => {
        const { runCheck } = await import('./commands/check.js');
        const formatGiven = command.getOptionValueSource('format') === 'cli';
        finish(await runCheck(file, { ...options, formatGiven }, await context(command)));
      }),

  compare: (command) =>
    command
      .description('direction of travel between two periods: criteria improved or declined, standards, actions')
      .argument('<old>', "last period's audit file")
      .argument('<new>', "this period's audit file")
      .addOption(new Option('--format <format>', 'output format').choices(COMPARE_FORMATS).default('table'))
      .action(async (oldFile: string, newFile: string, options, command: Command) => {
        const { runCompare } = await import('./commands/compare.js');
        finish(await runCompare(oldFile, newFile, options, await context(command)));
      }),

  trend: (command) =>
    command
      .description('direction of travel over three or more periods of one organisation: means and RAG per period, criteria that moved most, actions')
      .argument('<files...>', "the organisation's audits, one per period, in any order")
      .addOption(new Option('--format <format>', 'output format').choices(TREND_FORMATS).default('table'))
      .addHelpText(
        'after',
        helpAfter(
          ["Audits of earlier editions, or of another framework a crosswalk joins, are read onto the latest period's edition."],
        ),
      )
      .action(async (files: string[], options: { format: TrendFormat }, command: Command) => {
        const { runTrend } = await import('./commands/trend.js');
        finish(await runTrend(files, options, await context(command)));
      }),

  aggregate: (command) =>
    command
      .description("the partnership view of many agencies' audits of one framework: heat map, shortfalls, red standards")
      .argument('<paths...>', 'audit files and return workbooks, or folders of them (*.yaml, *.yml, *.xlsx; not sub-folders)')
      .addOption(new Option('--format <format>', 'output format').choices(AGGREGATE_FORMATS).default('table'))
      .option('-o, --output <file>', 'write the partnership report for the board (an accessible .pdf or an editable .docx), or the heat map as a workbook (.xlsx) or in the format the name ends in (.csv, .json, .md)')
      .option('--public', 'mark the report for publication (default: not for publication); it never holds evidence or moderation notes')
      .option('--details <file>', "the report's facts: author, contact officer, chair, background papers, consultation … (YAML)")
      .option('--template <name|path>', 'report wording: a bundled template (welsh) or your own copy of templates/partnership-report.yaml')
      .option('--partnership <name>', "the partnership's name on the report (default: the template's, Safeguarding children partnership)")
      .option('--title <text>', "the report's title (default: the template's)")
      .option('--committee <name>', "the board or committee it goes to (default: the template's, Safeguarding Partnership Board)")
      .option('--meeting-date <date>', 'date of the meeting, DD/MM/YYYY or YYYY-MM-DD (default: shown as to be confirmed)')
      .option('--officer <name>', "the responsible officer (default: the template's, Partnership Business Manager)")
      .option('--previous <dir>', "last period's returns (a folder, or one file): each agency's change is shown beside its mean")
      .option('--skip-unreadable', 'leave out the files that cannot be read as returns, naming them, rather than stop (every output but CSV, which could not name them)')
      .option('--portfolio-holder <name>', 'the chair of the board, on the cover')
      .option('--background-paper <text>', 'a background paper (repeat for each; "none" for none)', collect)
      .addOption(new Option('--nation <nation>', "whose law: the partnership's duties and the framework's legal basis").choices(NATIONS))
      .option('--large-print', 'large print: text at 12 pt and above')
      .addOption(new Option('--unprintable <how>', 'text the PDF\'s fonts cannot print (Arabic, Chinese … script): refuse (the default: nothing written; Word keeps it) or placeholder (a marker in its place)').choices(['refuse', 'placeholder']))
      .addHelpText(
        'after',
        helpAfter(
          ['Returns made against different editions of the framework are read onto the newest through the crosswalk joining them.'],
        ),
      )
      .action(async (paths: string[], options, command: Command) => {
        const { runAggregate } = await import('./commands/aggregate.js');
        const formatGiven = command.getOptionValueSource('format') === 'cli';
        finish(await runAggregate(paths, { ...options, formatGiven }, await context(command)));
      }),

  moderate: (command) =>
    command
      .description("record a partnership panel's moderated rating beside the self-rating of one criterion, or its challenge of a not-applicable")
      .argument('<file>', 'the audit file')
      .argument('<criterion>', 'criterion id, e.g. REF-1')
      .option('--rating <n>', "the panel's rating, on the framework's scale")
      .option('--applicable', 'the panel holds that a criterion marked not applicable applies (with --rating, and rates it)')
      .option('--note <text>', "why the panel rated it so")
      .option('--by <name>', 'who moderated (the panel, or its chair)')
      .option('--date <date>', 'date of the moderation, DD/MM/YYYY or YYYY-MM-DD (default: today)')
      .option('--clear', 'remove the moderation, so the self-rating (or not-applicable answer) counts again')
      .action(async (file: string, criterion: string, options, command: Command) => {
        const { runModerate } = await import('./commands/moderate.js');
        finish(await runModerate(file, criterion, options, await context(command)));
      }),

  sign: (command) =>
    command
      .description('sign the audit off: who, in what role, when, sealed with digests of its content and of the framework it was judged against')
      .argument('<file>', 'the audit file')
      .requiredOption('--by <name>', 'who signs it off')
      .requiredOption('--role <role>', "their role, e.g. Director of Children's Services")
      .option('--force', 'replace an existing sign-off')
      .option('--key <key.pem>', "also sign with the signer's Ed25519 private key (PEM; passphrase from AUDIT_SIGNING_KEY_PASSPHRASE)")
      .action(async (file: string, options, command: Command) => {
        const { runSign } = await import('./commands/sign.js');
        finish(await runSign(file, options, await context(command)));
      }),

  verify: (command) =>
    command
      .description('say whether the audit or its framework changed since it was signed off (exit 0 unchanged, 1 changed or not signed off)')
      .argument('<file>', 'the audit file')
      .addOption(new Option('--format <format>', 'output format').choices(VERIFY_FORMATS).default('text'))
      .option('--public-key <key.pem>', "also check the sign-off's signature against this Ed25519 public key (PEM)")
      .option('--allow-unsigned', 'an audit not yet signed off passes (exit 0); only one changed since its sign-off fails')
      .action(async (file: string, options, command: Command) => {
        const { runVerify } = await import('./commands/verify.js');
        finish(await runVerify(file, options, await context(command)));
      }),

  examples: (command) =>
    command
      .description("copy the example audits, agencies' returns and report details into a folder, to try audit and follow its README")
      .argument('[dir]', 'where to copy them (default: examples, the folder the README names)')
      .action(async (dir: string | undefined, _options, command: Command) => {
        const { runExamples } = await import('./commands/examples.js');
        finish(await runExamples(dir, await context(command)));
      }),

  init: (command) =>
    command
      .description('scaffold a repository for audits: an audits folder, a README and CI pipelines (GitHub, GitLab)')
      .argument('[dir]', 'where to create it (default: the current folder)')
      .option('--framework <id>', 'the framework the team audits against, for the README', 'section-11')
      .option('--vendor', 'put a copy of this version of audit in .audit/, for the pipelines to install with no registry; in an audit repository, that file alone (the pipelines pointed at it)')
      .option('--force', 'replace files that already exist (README.md, report-details.yaml, the pipelines, .gitignore): the changes made to them are lost')
      .action(async (dir: string | undefined, options, command: Command) => {
        const { runInit } = await import('./commands/init.js');
        finish(await runInit(dir, options, await context(command)));
      }),
};

/**
 * Adds to `parent` the commands of `table` that a run with `args` (its arguments after the
 * parent's name) needs. Commander needs only the command that runs: when the arguments name one,
 * that one alone is defined (a group's subcommands by the same rule). Otherwise every command is,
 * for what needs them all: help (`audit --help`, `audit help gap`, `audit` alone) and the
 * suggestion for a misspelt name. Only `--version`, which commander answers as it reads it, needs
 * none. Defining every option of every command on every run was most of a short command's start.
 */
function register(parent: Command, table: CommandTable, args: readonly string[] | undefined): void {
  if (args) {
    // Commander reads the flags of a command and its ancestors wherever they stand (audit
    // --no-color gap), so the command named is the first argument that is none of them. Anything
    // else first (an option with a value, an unknown option, `--`, help) leaves it to commander.
    const at = args.findIndex((arg) => !flagOf(parent, arg));
    const named = args[at];
    if (named !== undefined && Object.hasOwn(table, named)) {
      define(parent, named, table[named]!, args.slice(at + 1));
      return;
    }
    // Nothing but flags, --version among them: commander prints the version as it reads it.
    if (at < 0 && args.some((arg) => flagOf(parent, arg)?.long === '--version')) return;
  }
  for (const [name, definition] of Object.entries(table)) define(parent, name, definition, undefined);
}

/** Defines one command of `parent`, its help ending with the examples src/help-examples.ts gives it. */
function define(parent: Command, name: string, definition: Define, rest: readonly string[] | undefined): void {
  const command = parent.command(name);
  definition(command, rest);
  const path = [parent.parent ? parent.name() : undefined, name].filter(Boolean).join(' ');
  const examples = HELP_EXAMPLES[path];
  if (examples) command.addHelpText('after', helpAfter([], examples));
}

/** The option taking no value that `arg` is, of `command` or an ancestor, if it is one. */
function flagOf(command: Command, arg: string): Option | undefined {
  for (let at: Command | null = command; at; at = at.parent) {
    const option = at.options.find((candidate) => !candidate.required && !candidate.optional && (candidate.short === arg || candidate.long === arg));
    if (option) return option;
  }
  return undefined;
}

function buildProgram(args: readonly string[]): Command {
  const program = new Command('audit')
    .description("Children's safeguarding self-audit: rate against a framework, find the gaps, plan the improvement.")
    .version(packageVersion(), '-V, --version')
    .option('--no-color', 'plain output without colour (also NO_COLOR=1)')
    .exitOverride()
    // Commander quotes the argument it could not take (an unknown command, option or choice):
    // what the user typed is shown, never obeyed by the terminal.
    .configureOutput({ outputError: (text, write) => write(shownPlain(text)) })
    .showHelpAfterError()
    .configureHelp({ sortSubcommands: false, showGlobalOptions: true });
  fitHelpToTerminal(program);
  register(program, COMMANDS, args);
  program.hook('preAction', (_program, command) => outputDashIsStandardOutput(command));
  return program;
}

/** The commands that print their output when no -o is given, so that `-o -` is that too. */
const PRINTED_WITHOUT_OUTPUT = new Set(['gap', 'plan', 'check', 'aggregate']);

/**
 * `-o -` is standard output, as in most command-line tools: never a file named "-" in the
 * current folder. A command that prints without -o prints; one that only writes files
 * (an audit, a workbook, a report) says so.
 */
function outputDashIsStandardOutput(command: Command): void {
  if (command.getOptionValue('output') !== '-') return;
  if (!PRINTED_WITHOUT_OUTPUT.has(command.name())) {
    throw new UsageError(`-o -: audit ${command.name()} writes a file, not standard output; name the file with -o`);
  }
  command.setOptionValueWithSource('output', undefined, 'default');
}

/**
 * `text` with every character that would act on a terminal (controls but tab and line feed,
 * bidirectional overrides, line separators) written as a \u escape: shown, never obeyed.
 */
function shownPlain(text: string): string {
  return text.replace(/[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Prints an error the way the user should meet it and returns the exit status. */
async function report(err: unknown): Promise<number> {
  if (err instanceof CommanderError) {
    // Commander has already printed the message and usage; help and version are successes.
    return err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.exitCode === 0 ? 0 : 2;
  }
  if (err instanceof AuditError) {
    const faults = err instanceof InputErrors ? err.all : [err];
    const [{ renderFaults }, { terminalWidth }] = await Promise.all([import('./render/text/faults.js'), import('./commands/context.js')]);
    const shown = faults.map((fault) => {
      const where = fault instanceof InputError ? fault.where(process.cwd()) : undefined;
      // A message may quote a file (an unknown key, a holder's name): shown, never obeyed.
      return { where: where === undefined ? undefined : shownPlain(where), message: shownPlain(fault.message) };
    });
    process.stderr.write(renderFaults(shown, terminalWidth(process.stderr, process.env)));
    return err.exitCode;
  }
  if ((err as NodeJS.ErrnoException)?.code === 'EPIPE') return 0;
  process.stderr.write(`audit: internal error: ${shownPlain((err as Error)?.message ?? String(err))}\n`);
  if (process.env.AUDIT_DEBUG) process.stderr.write(`${(err as Error)?.stack ?? ''}\n`);
  else process.stderr.write('(this is a bug in audit; run again with AUDIT_DEBUG=1 for details to report)\n');
  return 70;
}

// A reader that stops early (audit gap … | head, 2>&1 | head) is not an error: what is left
// unread is dropped and the command finishes, so its status is its own (2 for a bad option, 1 for
// a failed check, a report still written), never that of the closed pipe.
// Any other failure to write (a full disk behind > file) is a write that failed: exit 3.
let unwritten: string | undefined;
for (const [stream, name] of [[process.stdout, 'standard output'], [process.stderr, 'standard error']] as const) {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE') unwritten ??= `${name} could not be written in full (${err.code === 'ENOSPC' ? 'the disk is full' : (err.code ?? err.message)})`;
  });
}
process.on('exit', () => {
  if (unwritten === undefined || process.exitCode === 3) return;
  process.exitCode = 3;
  try {
    if (!unwritten.startsWith('standard error')) process.stderr.write(`audit: ${unwritten}\n`);
  } catch {
    // Nowhere left to say it: the status says it.
  }
});

// No top-level await: the bundle is CommonJS, which starts faster (scripts/build.mjs).
buildProgram(process.argv.slice(2))
  .parseAsync(process.argv)
  .catch(async (err: unknown) => {
    process.exitCode = await report(err);
  });

/** Gathers a repeated option's values, in order (--background-paper A --background-paper B). */
function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}
