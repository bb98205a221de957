/**
 * The command line as a whole: src/cli.ts defines only the command a run names (and its group),
 * and every command only where a run needs them all (help, a misspelt name). These hold that
 * every path still sees every command: the main help lists them all, a command's help is the same
 * however it is asked for, and a misspelt command or option is met with a suggestion.
 */
import { describe, expect, it } from 'vitest';
import { fixture, listFiles, runAudit, workspace } from '../helpers/cli.js';

const COMMANDS = ['standards', 'new', 'start', 'resume', 'rate', 'export', 'import', 'gap', 'plan', 'report', 'check', 'compare', 'trend', 'aggregate', 'moderate', 'sign', 'verify', 'examples', 'init'];
const STANDARDS = ['list', 'show', 'validate', 'map'];
const EXAMPLE = 'examples/borsetshire-climbie-2002-03.yaml';

/** The command names a help lists under Commands:, its own `help` aside. */
function listed(help: string): string[] {
  return [...help.slice(help.indexOf('\nCommands:')).matchAll(/^ {2}([a-z][a-z-]*)/gm)].map((m) => m[1]!).filter((name) => name !== 'help');
}

describe('audit, as a whole command line', () => {
  it('lists every command in its help, however the help is reached', async () => {
    const [help, alone, helpCommand, misspelt, badOption] = await Promise.all([
      runAudit(['--help']),
      runAudit([]),
      runAudit(['help']),
      runAudit(['gpa']),
      runAudit(['--no-colour', 'gap', EXAMPLE]),
    ]);
    expect(help.code).toBe(0);
    expect(listed(help.stdout)).toEqual(COMMANDS);
    expect(helpCommand.stdout).toBe(help.stdout);
    // Commander shows the help on standard error after `audit` alone and after a mistake.
    expect(alone.code).toBe(2);
    expect(alone.stderr).toBe(help.stdout);
    expect(misspelt.code).toBe(2);
    expect(misspelt.stderr).toBe(`error: unknown command 'gpa'\n(Did you mean gap?)\n\n${help.stdout}`);
    // An option the program does not know, before a command: the program's help, not gap's.
    expect(badOption.code).toBe(2);
    expect(badOption.stderr).toBe(`error: unknown option '--no-colour'\n(Did you mean --no-color?)\n\n${help.stdout}`);
    expect(badOption.stdout).toBe('');
  });

  it('lists every standards subcommand, and suggests one for a misspelt name', async () => {
    const [help, helpCommand, misspelt] = await Promise.all([runAudit(['standards', '--help']), runAudit(['help', 'standards']), runAudit(['standards', 'lst'])]);
    expect(listed(help.stdout)).toEqual(STANDARDS);
    expect(helpCommand.stdout).toBe(help.stdout);
    expect(misspelt.code).toBe(2);
    expect(misspelt.stderr).toBe(`error: unknown command 'lst'\n(Did you mean list?)\n\n${help.stdout}`);
  });

  it("shows each command's help the same asked for by its name alone or by `audit help`", async () => {
    // `audit help standards list` is the help of standards: a group has a help command of its own.
    const names = [...COMMANDS.map((name) => [name]), ...STANDARDS.map((name) => ['standards', name])];
    const helps = await Promise.all(
      names.map(async (name) => ({ name: name.join(' '), direct: await runAudit([...name, '--help']), viaHelp: await runAudit([...name.slice(0, -1), 'help', ...name.slice(-1)]) })),
    );
    for (const { name, direct, viaHelp } of helps) {
      expect(direct.code, name).toBe(0);
      expect(direct.stdout, name).toMatch(new RegExp(`^Usage: audit ${name} `));
      expect(direct.stdout, name).toContain('Global Options:\n  -V, --version');
      expect(viaHelp.stdout, name).toBe(direct.stdout);
    }
  }, 60_000);

  it('suggests an option for a misspelt one, with the help of the command that was named', async () => {
    const [gap, help] = await Promise.all([runAudit(['gap', EXAMPLE, '--formt', 'json']), runAudit(['gap', '--help'])]);
    expect(gap.code).toBe(2);
    expect(gap.stderr).toBe(`error: unknown option '--formt'\n(Did you mean --format?)\n\n${help.stdout}`);
  });

  it('reads --no-color and --version wherever they stand, with no other command defined', async () => {
    const [before, after, version, late] = await Promise.all([
      runAudit(['--no-color', 'gap', EXAMPLE, '--format', 'json']),
      runAudit(['gap', EXAMPLE, '--format', 'json', '--no-color']),
      runAudit(['--version']),
      runAudit(['--no-color', 'standards', 'list', '--version']),
    ]);
    expect(before.code).toBe(0);
    expect(after.stdout).toBe(before.stdout);
    expect(JSON.parse(before.stdout)).toHaveProperty('standards');
    expect(version.code).toBe(0);
    expect(version.stdout).toMatch(/^\d+\.\d+\.\d+\S*\n$/);
    expect(late.stdout).toBe(version.stdout);
  });

  it('reads -o - as standard output: printed where a command prints, refused where it only writes files, never a file named "-"', async () => {
    const dir = workspace({ 'mini-framework.yaml': fixture('mini-framework.yaml'), 'audit.yaml': fixture('mini-audit.yaml') });
    const printed: string[][] = [
      ['gap', 'audit.yaml', '--format', 'csv'],
      ['plan', 'audit.yaml', '--format', 'json'],
      ['check', 'audit.yaml', '--format', 'junit', '--public'],
      ['aggregate', 'audit.yaml', '--format', 'markdown'],
    ];
    for (const args of printed) {
      const [dash, plain] = await Promise.all([runAudit([...args, '-o', '-'], { cwd: dir }), runAudit(args, { cwd: dir })]);
      expect(dash.code, args[0]).toBe(plain.code);
      expect(dash.stdout, args[0]).toBe(plain.stdout);
      expect(dash.stdout.length, args[0]).toBeGreaterThan(100);
    }
    const filesOnly: string[][] = [
      ['new', '--framework', './mini-framework.yaml', '--org', 'Borsetshire', '--period', '2026-27'],
      ['new', '--from', 'audit.yaml', '--period', '2026-27'],
      ['report', 'audit.yaml'],
      ['export', 'audit.yaml'],
      ['import', 'return.xlsx'],
    ];
    for (const args of filesOnly) {
      const result = await runAudit([...args, '-o', '-'], { cwd: dir });
      expect(result.code, args[0]).toBe(2);
      expect(result.stderr, args[0]).toBe(`audit: -o -: audit ${args[0]} writes a file, not standard output; name the file with -o\n`);
    }
    expect(listFiles(dir)).toEqual(['audit.yaml', 'mini-framework.yaml']);
  });
});
