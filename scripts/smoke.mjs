#!/usr/bin/env node
// The package as a user installs it, on whatever system runs this (Linux, macOS, Windows): packs
// the checkout (`npm pack`, which builds it), installs the tarball with `npm install --global
// --prefix <temporary folder>`, and runs the installed `audit` through the command npm made for it
// (Windows: <prefix>\audit.cmd through cmd.exe, and audit.ps1 through PowerShell; elsewhere:
// <prefix>/bin/audit) on a copy of the examples in a folder whose name has spaces and letters
// beyond ASCII. It checks exit statuses and what the output must hold (files that are PDF, Word,
// Excel by their bytes; JSON with the fields scripts read; the messages), not Linux's exact bytes.
// Node only: no shell, no Unix tools, so the same file runs on every system the CI matrix has.
//
//   node scripts/smoke.mjs                    pack this checkout, install, run; exit 1 on any failure
//   node scripts/smoke.mjs --tarball FILE     install and run FILE instead of packing (the tests do)
//   node scripts/smoke.mjs --direct           run the installed bin/audit.js with this node, not
//                                             npm's command (Wine's cmd.exe cannot run npm's .cmd)
//   node scripts/smoke.mjs --keep             leave the temporary folder, and say where it is
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const WINDOWS = process.platform === 'win32';
const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const COMMAND = Object.keys(manifest.bin)[0];
// Where the examples are copied: spaces, an ampersand and parentheses (cmd.exe's special
// characters), and letters beyond ASCII, as a shared drive's folder names have.
const FOLDER = 'Safeguarding – Health & Care (Bórsetshire)';

const USAGE = 'Usage: node scripts/smoke.mjs [--tarball FILE] [--direct] [--keep]';
let options;
try {
  ({ values: options } = parseArgs({
    options: { tarball: { type: 'string' }, direct: { type: 'boolean' }, keep: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
  }));
} catch (error) {
  console.error(`smoke: ${error.message}\n${USAGE}`);
  process.exit(2);
}
if (options.help) {
  console.log(`${USAGE}\nPacks this checkout, installs it into a temporary prefix with npm and runs the installed audit command on the examples.`);
  process.exit(0);
}

class Failure extends Error {}

/** Stops the step in hand with a message saying what was expected and what happened. */
function fail(message) {
  throw new Failure(message);
}

function assert(condition, message) {
  if (!condition) fail(message);
}

// --- Running programs -----------------------------------------------------------------------

/**
 * One argument as cmd.exe passes it on unchanged, through npm's .cmd file (which hands its
 * arguments to node as %*), to node's parsing of its command line: in double quotes, where cmd
 * reads & | < > ( ) as text; backslashes before the closing quote doubled, so they stay
 * backslashes. A quote or percent sign cannot be passed safely this way; the smoke test uses none.
 */
function cmdArgument(text) {
  if (/["%!\r\n]/.test(text)) throw new Error(`cannot pass ${JSON.stringify(text)} through cmd.exe`);
  return `"${text.replace(/(\\+)$/, '$1$1')}"`;
}

/** A command line for the reader of a failure: each argument quoted where it needs it. */
function shown(program, args) {
  return [program, ...args].map((word) => (/^[\w./\\:=@-]+$/.test(word) ? word : JSON.stringify(word))).join(' ');
}

function spawn(program, args, { cwd, shell = false, env } = {}) {
  // Windows runs a .cmd file only through cmd.exe (Node refuses otherwise), which takes one line.
  const line = shell ? [program, ...args].map(cmdArgument).join(' ') : program;
  const result = spawnSync(line, shell ? [] : args, {
    cwd,
    shell,
    stdio: ['ignore', 'pipe', 'pipe'],
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    timeout: 240_000,
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined, AUDIT_DEBUG: undefined, ...env },
  });
  return { command: shown(program, args), status: result.status, stdout: result.stdout ?? '', stderr: result.stderr ?? '', error: result.error };
}

/** npm as this node runs it: its npm-cli.js where npm is installed beside node, else `npm` on PATH. */
function npmProgram() {
  const fromNpm = process.env.npm_execpath;
  const besideNode = [join(dirname(process.execPath), 'node_modules', 'npm', 'bin', 'npm-cli.js'), join(dirname(process.execPath), '..', 'lib', 'node_modules', 'npm', 'bin', 'npm-cli.js')];
  const script = [fromNpm, ...besideNode].find((file) => file && basename(file) === 'npm-cli.js' && existsSync(file));
  return script ? { program: process.execPath, prefix: [script], shell: false } : { program: WINDOWS ? 'npm.cmd' : 'npm', prefix: [], shell: WINDOWS };
}

function npm(args, cwd) {
  const { program, prefix, shell } = npmProgram();
  const result = spawn(program, [...prefix, ...args], { cwd, shell, env: { npm_config_cache: join(work, 'npm-cache'), npm_config_update_notifier: 'false' } });
  expectStatus(result, 0);
  return result;
}

/** The installed package's folder and npm's commands for it, in a prefix. */
function installation(prefix) {
  return {
    prefix,
    package: WINDOWS ? join(prefix, 'node_modules', manifest.name) : join(prefix, 'lib', 'node_modules', manifest.name),
    cmd: join(prefix, `${COMMAND}.cmd`),
    ps1: join(prefix, `${COMMAND}.ps1`),
    unix: join(prefix, 'bin', COMMAND),
  };
}

/** Runs the installed command, as a user at a terminal runs it (or its script directly, --direct). */
function runInstalled(installed, args, options = {}) {
  if (options.via === 'ps1') {
    return spawn('powershell.exe', ['-NoLogo', '-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-File', installed.ps1, ...args], options);
  }
  if (options.direct) return spawn(process.execPath, [join(installed.package, manifest.bin[COMMAND]), ...args], options);
  if (WINDOWS) return spawn(installed.cmd, args, { ...options, shell: true });
  return spawn(installed.unix, args, options);
}

// --- What output must hold ------------------------------------------------------------------

/** What a run did, for a failure's message: the command, its exit status, the end of its output. */
function whatHappened(result) {
  const tail = (text) => text.trimEnd().split('\n').slice(-8).map((line) => `  ${line}`).join('\n');
  return [
    `command: ${result.command}`,
    `exit status: ${result.status}${result.error ? ` (${result.error.message})` : ''}`,
    result.stdout.trim() ? `standard output ends:\n${tail(result.stdout)}` : 'standard output: (empty)',
    result.stderr.trim() ? `standard error ends:\n${tail(result.stderr)}` : 'standard error: (empty)',
  ].join('\n');
}

function expectStatus(result, status) {
  if (result.status !== status) fail(`expected exit status ${status}\n${whatHappened(result)}`);
}

function expectOutput(result, text, stream = 'stdout') {
  if (!result[stream].includes(text)) fail(`expected ${stream === 'stdout' ? 'standard output' : 'standard error'} to contain ${JSON.stringify(text)}\n${whatHappened(result)}`);
}

function json(result) {
  try {
    return JSON.parse(result.stdout);
  } catch (error) {
    return fail(`expected JSON on standard output (${error.message})\n${whatHappened(result)}`);
  }
}

// What each kind of file starts with, and (for the zip-based ones) a part it must hold.
const FILE_KINDS = {
  pdf: { magic: '%PDF-', end: '%%EOF' },
  docx: { magic: 'PK\x03\x04', part: 'word/document.xml' },
  xlsx: { magic: 'PK\x03\x04', part: 'xl/workbook.xml' },
  tgz: { magic: '\x1f\x8b' },
  xml: { magic: '<?xml' },
};

/** The file exists and is of its kind by its bytes. */
function expectFile(file, kind) {
  assert(existsSync(file), `expected a ${kind} file at ${file}; there is none`);
  const bytes = readFileSync(file);
  const { magic, end, part } = FILE_KINDS[kind];
  assert(bytes.subarray(0, magic.length).toString('latin1') === magic, `${file} is not a ${kind} file: it starts ${JSON.stringify(bytes.subarray(0, 8).toString('latin1'))}`);
  if (end) assert(bytes.subarray(-32).toString('latin1').includes(end), `${file} does not end as a ${kind} file does (${end}): written only in part?`);
  // A zip's central directory names every part in plain text.
  if (part) assert(bytes.includes(Buffer.from(part)), `${file} lacks the part ${part} a ${kind} file has`);
  return bytes;
}

/** A message for a user: one line, naming the file, no stack trace. */
function expectCleanError(result, file) {
  const lines = result.stderr.trimEnd().split('\n');
  assert(lines.length === 1 && lines[0].startsWith(`${COMMAND}: `), `expected one line starting "${COMMAND}: " on standard error\n${whatHappened(result)}`);
  assert(!/^\s+at .+:\d+:\d+\)?$|Error:/m.test(result.stderr), `expected no stack trace or raw error\n${whatHappened(result)}`);
  // macOS may hand back a name in another Unicode normal form; compare in one.
  assert(result.stderr.normalize('NFC').includes(file.normalize('NFC')), `expected the message to name ${file}\n${whatHappened(result)}`);
}

// --- The steps ------------------------------------------------------------------------------

const results = [];
function step(name, body) {
  try {
    body();
    results.push({ name, ok: true });
    console.log(`ok    ${name}`);
  } catch (error) {
    results.push({ name, ok: false });
    const message = error instanceof Failure ? error.message : error.stack;
    console.log(`FAIL  ${name}\n${message.replace(/^/gm, '    ')}`);
  }
}

const work = mkdtempSync(join(tmpdir(), 'audit-smoke-'));
const cleanUp = () => {
  if (!options.keep) rmSync(work, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
};
process.on('SIGINT', () => {
  cleanUp();
  process.exit(130);
});

try {
  console.log(`audit smoke test: ${manifest.name} ${manifest.version}, Node ${process.versions.node} on ${process.platform} (${process.arch})${options.direct ? ', run directly, not through npm\'s command' : ''}`);
  let tarball = options.tarball && resolve(options.tarball);
  if (!tarball) {
    step('npm pack builds and packs the checkout', () => {
      const packed = npm(['pack', '--pack-destination', work, '--silent'], ROOT);
      tarball = join(work, packed.stdout.trim().split('\n').pop().trim());
      expectFile(tarball, 'tgz');
    });
  }
  const installed = installation(join(work, 'prefix'));
  step('npm install --global --prefix installs the tarball, with npm\'s command for audit', () => {
    assert(tarball && existsSync(tarball), `no tarball to install (${tarball ?? 'npm pack failed'})`);
    npm(['install', '--global', '--prefix', installed.prefix, '--offline', '--no-audit', '--no-fund', tarball], work);
    assert(existsSync(join(installed.package, 'package.json')), `npm installed no package at ${installed.package}`);
    for (const file of WINDOWS ? [installed.cmd, installed.ps1] : [installed.unix]) assert(existsSync(file), `npm made no command at ${file}`);
  });
  if (results.every((result) => result.ok)) runSteps(installed);
  else console.log('    (the other steps need the installed package, and are not run)');
} finally {
  cleanUp();
}
const failed = results.filter((result) => !result.ok);
console.log(failed.length ? `\n${failed.length} of ${results.length} steps failed: ${failed.map((result) => result.name).join('; ')}` : `\nall ${results.length} steps passed`);
if (options.keep) console.log(`the temporary folder is kept: ${work}`);
if (failed.length) process.exitCode = 1;

function runSteps(installed) {
  const folder = join(work, FOLDER);
  cpSync(join(ROOT, 'examples'), folder, { recursive: true });
  const audit = (args, more = {}) => runInstalled(installed, args, { cwd: folder, direct: options.direct, ...more });
  const failing = 'borsetshire-climbie-2002-03.yaml'; // red standards: fails the check
  const passing = 'borsetshire-climbie-2003-04.yaml';
  const details = 'borsetshire-report-details.yaml';

  step('--version prints the package\'s version', () => {
    const result = audit(['--version']);
    expectStatus(result, 0);
    assert(result.stdout.trim() === manifest.version, `expected ${manifest.version}\n${whatHappened(result)}`);
  });

  step('--help lists the commands', () => {
    const result = audit(['--help']);
    expectStatus(result, 0);
    for (const text of ['Usage: audit', 'gap [options] <file>', 'report [options] <file>']) expectOutput(result, text);
  });

  step('standards list shows the bundled frameworks', () => {
    const result = audit(['standards', 'list']);
    expectStatus(result, 0);
    for (const id of ['section-11', 'climbie-2003', 'working-together-2023']) expectOutput(result, id);
  });

  step('examples copies the example audits into a new folder', () => {
    const result = audit(['examples', 'copied examples']);
    expectStatus(result, 0);
    for (const file of ['section-11/borsetshire-police.yaml', details, passing]) assert(existsSync(join(folder, 'copied examples', file)), `examples did not copy ${file}\n${whatHappened(result)}`);
  });

  step('gap prints the table', () => {
    const result = audit(['gap', failing]);
    expectStatus(result, 0);
    for (const text of ['Gap analysis: Borsetshire County Council, 2002-03', 'Overall: RED', 'Referral']) expectOutput(result, text);
  });

  step('gap --format json, given the audit by its absolute path', () => {
    const result = audit(['gap', join(folder, failing), '--format', 'json']);
    expectStatus(result, 0);
    const gap = json(result);
    assert(gap.framework?.id === 'climbie-2003', `expected framework.id climbie-2003, got ${JSON.stringify(gap.framework)}`);
    assert(gap.summary?.criteria === 62 && gap.summary?.rated === 62, `expected 62 criteria, all rated, got ${JSON.stringify(gap.summary)}`);
    assert(Array.isArray(gap.standards) && gap.standards.length === 7, `expected 7 standards, got ${gap.standards?.length}`);
    assert(Array.isArray(gap.gaps) && gap.gaps.length === 20, `expected 20 gaps, got ${gap.gaps?.length}`);
  });

  step('plan prints the improvement plan, and as JSON', () => {
    const table = audit(['plan', failing, '--as-of', '2003-11-30']);
    expectStatus(table, 0);
    expectOutput(table, 'Improvement plan: Borsetshire County Council');
    expectOutput(table, 'overdue');
    const plan = json(audit(['plan', failing, '--as-of', '2003-11-30', '--format', 'json']));
    assert(plan.asOf === '2003-11-30' && plan.actions?.length === 20 && plan.summary?.overdue === 10, `expected 20 actions, 10 overdue as of 2003-11-30, got ${JSON.stringify(plan.summary)}`);
  });

  step('check passes an audit with no red standard (exit 0)', () => {
    const result = audit(['check', passing]);
    expectStatus(result, 0);
    expectOutput(result, `PASS  ${passing}`);
  });

  step('check fails an audit with red standards (exit 1), naming them', () => {
    const result = audit(['check', failing]);
    expectStatus(result, 1);
    expectOutput(result, `FAIL  ${failing}`);
    expectOutput(result, 'standard ALL (Allocation, service provision and closure) is red');
  });

  step('check --format junit -o writes the JUnit report and fails', () => {
    // As a CI job does: -o writes into a folder that exists, and never makes one.
    mkdirSync(join(folder, 'reports'), { recursive: true });
    const result = audit(['check', failing, '--format', 'junit', '-o', join('reports', 'climbie.junit.xml')]);
    expectStatus(result, 1);
    const xml = expectFile(join(folder, 'reports', 'climbie.junit.xml'), 'xml').toString('utf8');
    assert(xml.includes('<testsuites') && xml.includes('failures="20"'), `expected <testsuites … failures="20"> in the JUnit report, got ${xml.slice(0, 300)}`);
  });

  step('report writes the committee report as PDF (--public)', () => {
    const result = audit(['report', failing, '--public', '--details', details, '-o', 'cabinet.pdf']);
    expectStatus(result, 0);
    expectFile(join(folder, 'cabinet.pdf'), 'pdf');
  });

  step('report writes the committee report as Word (--public)', () => {
    const result = audit(['report', failing, '--public', '--details', details, '-o', 'cabinet.docx']);
    expectStatus(result, 0);
    expectFile(join(folder, 'cabinet.docx'), 'docx');
  });

  step('compare and trend show the direction of travel between the example periods', () => {
    const compare = audit(['compare', failing, passing]);
    expectStatus(compare, 0);
    expectOutput(compare, 'ALL-1');
    const periods = ['section-11-2024-25', 'section-11', 'section-11-2026-27'].map((dir) => join(dir, 'borsetshire-police.yaml'));
    const trend = json(audit(['trend', ...periods, '--format', 'json']));
    assert(trend.periods?.length === 3, `expected 3 periods in the trend, got ${JSON.stringify(trend.periods)}`);
  });

  const police = join('section-11', 'borsetshire-police.yaml');
  step('export writes a return workbook, and import reads it back to the same ratings', () => {
    const exported = audit(['export', police, '-o', 'police return.xlsx']);
    expectStatus(exported, 0);
    expectFile(join(folder, 'police return.xlsx'), 'xlsx');
    const imported = audit(['import', 'police return.xlsx', '-o', 'police imported.yaml']);
    expectStatus(imported, 0);
    const before = json(audit(['gap', police, '--format', 'json'])).summary;
    const after = json(audit(['gap', 'police imported.yaml', '--format', 'json'])).summary;
    assert(JSON.stringify(after) === JSON.stringify(before), `the imported audit's summary differs from the exported one's:\n      before ${JSON.stringify(before)}\n  after  ${JSON.stringify(after)}`);
  });

  step('aggregate of examples/section-11 writes the partnership PDF, and JSON of 4 agencies', () => {
    const result = audit(['aggregate', 'section-11', '-o', 'partnership.pdf']);
    expectStatus(result, 0);
    expectFile(join(folder, 'partnership.pdf'), 'pdf');
    const partnership = json(audit(['aggregate', 'section-11', '--format', 'json']));
    assert(partnership.agencies?.length === 4, `expected 4 agencies, got ${partnership.agencies?.length}`);
  });

  step('init --vendor scaffolds a repository whose vendored tarball npm installs and runs', () => {
    const result = audit(['init', 'team repo', '--vendor']);
    expectStatus(result, 0);
    const repo = join(folder, 'team repo');
    for (const file of ['README.md', '.gitignore', '.gitlab-ci.yml', join('.github', 'workflows', 'audit.yml'), join('audits', '.gitkeep')]) assert(existsSync(join(repo, file)), `init wrote no ${file}\n${whatHappened(result)}`);
    const vendored = join(repo, '.audit', `${manifest.name}-${manifest.version}.tgz`);
    expectFile(vendored, 'tgz');
    const again = installation(join(work, 'vendored prefix'));
    const install = npm(['install', '--global', '--prefix', again.prefix, '--offline', '--no-audit', '--no-fund', vendored], repo);
    // Its manifest holds nothing an install would run, so npm has nothing to warn of.
    assert(!install.stderr.includes('install-scripts'), `npm warns of install scripts in the vendored package\n${whatHappened(install)}`);
    const version = runInstalled(again, ['--version'], { cwd: repo, direct: options.direct });
    expectStatus(version, 0);
    assert(version.stdout.trim() === manifest.version, `the vendored package says it is ${version.stdout.trim()}, not ${manifest.version}`);
  });

  step('rate records a rating and evidence in a copy of an audit', () => {
    copyFileSync(join(folder, failing), join(folder, 'rated.yaml'));
    const result = audit(['rate', 'rated.yaml', 'ALL-1', '--rating', '4', '--evidence', 'Allocation checked weekly: Année 2025–26 ✓']);
    expectStatus(result, 0);
    const criterion = json(audit(['gap', 'rated.yaml', '--format', 'json'])).criteria?.find((item) => item.criterion === 'ALL-1');
    assert(criterion?.rating === 4 && criterion.evidence === 'Allocation checked weekly: Année 2025–26 ✓', `expected ALL-1 rated 4 with the evidence given, got ${JSON.stringify(criterion)}`);
  });

  step('new starts an audit of a bundled framework; sign seals it, and verify sees a change after it', () => {
    const name = 'new audit.yaml';
    expectStatus(audit(['new', '--framework', 'section-11', '--org', 'Smoke Test Agency', '--period', '2025-26', '-o', name]), 0);
    expectStatus(audit(['rate', name, 'COM-1', '--rating', '2', '--evidence', 'Policy seen']), 0);
    expectStatus(audit(['sign', name, '--by', 'A Person', '--role', 'Chair of the partnership']), 0);
    const signed = audit(['verify', name, '--format', 'json']);
    expectStatus(signed, 0);
    assert(json(signed).status === 'unchanged', `expected status unchanged just after sign-off\n${whatHappened(signed)}`);
    expectStatus(audit(['rate', name, 'COM-1', '--rating', '3']), 0);
    const changed = audit(['verify', name, '--format', 'json']);
    expectStatus(changed, 1);
    assert(json(changed).status === 'changed', `expected status changed after a new rating\n${whatHappened(changed)}`);
  });

  step('bad input: exit 2, one line naming the file, no stack trace', () => {
    writeFileSync(join(folder, 'not an audit.yaml'), 'organisation: Nobody\n');
    const result = audit(['gap', 'not an audit.yaml']);
    expectStatus(result, 2);
    expectCleanError(result, 'not an audit.yaml');
    const missing = audit(['gap', 'no such audit.yaml']);
    expectStatus(missing, 2);
    expectCleanError(missing, 'no such audit.yaml');
  });

  step('a file whose name has spaces, parentheses and letters beyond ASCII, in such a folder', () => {
    const name = 'Année 2003–04 (copie ✓).yaml';
    copyFileSync(join(folder, passing), join(folder, name));
    const check = audit(['check', join(folder, name)]);
    expectStatus(check, 0);
    assert(check.stdout.normalize('NFC').includes(name.normalize('NFC')), `expected the verdict to name ${name}\n${whatHappened(check)}`);
    const report = audit(['report', name, '--public', '--details', details, '-o', 'Année (copie).pdf']);
    expectStatus(report, 0);
    expectFile(join(folder, 'Année (copie).pdf'), 'pdf');
  });

  step('an audit file with CRLF line ends reads as with LF, and rate keeps one kind of line end', () => {
    const text = readFileSync(join(folder, passing), 'utf8').replace(/\r\n/g, '\n');
    writeFileSync(join(folder, 'crlf.yaml'), text.replace(/\n/g, '\r\n'));
    const lf = json(audit(['gap', passing, '--format', 'json']));
    const crlf = json(audit(['gap', 'crlf.yaml', '--format', 'json']));
    assert(JSON.stringify(crlf.criteria) === JSON.stringify(lf.criteria), 'gap reads the CRLF file differently from the LF one (a stray carriage return in evidence or actions?)');
    expectStatus(audit(['check', 'crlf.yaml']), 0);
    expectStatus(audit(['rate', 'crlf.yaml', 'ALL-1', '--rating', '4', '--evidence', 'Checked on two lines']), 0);
    const written = readFileSync(join(folder, 'crlf.yaml'), 'utf8');
    const lines = written.split('\n').length - 1;
    const crlfs = written.split('\r\n').length - 1;
    assert(crlfs === 0 || crlfs === lines, `rate left the file with mixed line ends: ${crlfs} of ${lines} lines end CRLF`);
    const rated = json(audit(['gap', 'crlf.yaml', '--format', 'json'])).criteria.find((item) => item.criterion === 'ALL-1');
    assert(rated?.rating === 4 && rated.evidence === 'Checked on two lines', `expected ALL-1 rated 4 after rate, got ${JSON.stringify(rated)}`);
  });

  if (WINDOWS && !options.direct) {
    step('PowerShell runs npm\'s audit.ps1: version, a path with spaces, exit statuses', () => {
      const via = 'ps1';
      const version = audit(['--version'], { via });
      expectStatus(version, 0);
      assert(version.stdout.trim() === manifest.version, `expected ${manifest.version}\n${whatHappened(version)}`);
      const gap = audit(['gap', join(folder, failing), '--format', 'json'], { via });
      expectStatus(gap, 0);
      assert(json(gap).framework?.id === 'climbie-2003', `expected framework.id climbie-2003\n${whatHappened(gap)}`);
      expectStatus(audit(['check', failing], { via }), 1);
      expectStatus(audit(['gap', 'not an audit.yaml'], { via }), 2);
      const report = audit(['report', join(folder, passing), '--public', '--details', details, '-o', 'Année (PowerShell).docx'], { via });
      expectStatus(report, 0);
      expectFile(join(folder, 'Année (PowerShell).docx'), 'docx');
    });
  }
}
