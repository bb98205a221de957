/**
 * Text from a file is never a command to the terminal or the page. Names, actions, owners,
 * moderators and signers holding escape sequences, carriage returns and bidirectional
 * overrides, through every command that prints them, in every format; and a session's screens
 * and prompts in a real terminal.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import { fixture, read, runAudit, workspace } from '../helpers/cli.js';
import { KEY, PtyAudit } from '../helpers/pty.js';
import { actsOnTerminal } from './acts-on-terminal.js';

/** Retitle the window, clear the screen, go up a line, return to its start, reverse what follows. */
const ATTACK = '\\e]0;pwned\\a\\e[2J\\e[1A\\r\\u202E';

const hostile = fixture('mini-audit.yaml')
  .replace('organisation: Borsetshire County Council', `organisation: "Borsetshire${ATTACK} Council"`)
  .replace('text: Bring the yearly report forward to October', `text: "Bring it forward${ATTACK}"`)
  .replace("owner: Director of Children's Services", `owner: "Director${ATTACK}"`);

describe('escape sequences in an audit', () => {
  it('reach no output of any command, in any format, as control characters', async () => {
    const dir = workspace({ 'mini-framework.yaml': fixture('mini-framework.yaml'), 'audit.yaml': hostile, 'last.yaml': hostile.replace('period: 2025-26', 'period: 2024-25') });
    const moderate = await runAudit(['moderate', 'audit.yaml', 'L-1', '--rating', '2', '--note', 'n', '--by', 'Panel'], { cwd: dir });
    expect(moderate.code, moderate.stderr).toBe(0);
    writeFileSync(join(dir, 'audit.yaml'), read(dir, 'audit.yaml').replace('by: Panel', `by: "Panel${ATTACK}"`));
    const runs = await Promise.all(
      [
        ['gap', 'audit.yaml'],
        ['gap', 'audit.yaml', '--format', 'json'],
        ['gap', 'audit.yaml', '--format', 'csv'],
        ['plan', 'audit.yaml'],
        ['plan', 'audit.yaml', '--format', 'markdown'],
        ['check', 'audit.yaml'],
        ['check', 'audit.yaml', '--format', 'junit'],
        ['compare', 'last.yaml', 'audit.yaml'],
        ['aggregate', 'audit.yaml'],
        ['rate', 'audit.yaml', 'L-2', '--status', 'in-progress'],
      ].map((args) => runAudit(args, { cwd: dir, env: { FORCE_COLOR: '1', NO_COLOR: undefined } })),
    );
    const OUR_COLOURS = /\x1b\[(?:1|2|22|31|32|33|39)m/g;
    for (const run of runs) {
      expect(run.code === 0 || run.code === 1, run.stderr).toBe(true);
      expect(actsOnTerminal(run.stdout.replace(OUR_COLOURS, '')), run.stdout.slice(0, 300)).toBe(false);
      expect(actsOnTerminal(run.stderr), run.stderr).toBe(false);
      expect(run.stdout.match(/\x1b(?!\[(?:1|2|22|31|32|33|39)m).{0,8}/g) ?? [], run.stdout.slice(0, 200)).toEqual([]); // our colours only
    }
    expect(runs[0]!.stdout).toContain('Borsetshire␛]0;pwned␇␛[2J␛[1A␍⟨U+202E⟩ Council');
  });

  it('cannot make verify seem to say UNCHANGED over CHANGED', async () => {
    const dir = workspace({ 'mini-framework.yaml': fixture('mini-framework.yaml'), 'audit.yaml': fixture('mini-audit.yaml') });
    await runAudit(['sign', 'audit.yaml', '--by', 'Jane Smith', '--role', 'DCS'], { cwd: dir });
    // Someone edits a rating, and the signer's name to hide it.
    writeFileSync(join(dir, 'audit.yaml'), read(dir, 'audit.yaml').replace('rating: 1\n', 'rating: 4\n').replace('  by: Jane Smith', '  by: "Jane\\r\\e[2KUNCHANGED  audit.yaml\\e[8m"'));
    const { code, stdout } = await runAudit(['verify', 'audit.yaml'], { cwd: dir });
    expect(code).toBe(1);
    expect(stdout.startsWith('CHANGED  audit.yaml: changed since it was signed off by Jane␍␛[2KUNCHANGED  audit.yaml␛[8m (DCS)')).toBe(true);
    expect(actsOnTerminal(stdout)).toBe(false);
  });

  it('cannot forge a heading or a verdict in a Markdown job summary with any line ending', async () => {
    for (const ending of ['\\r', '\\n', '\\r\\n', '\\u2028', '\\u2029', '\\N']) {
      const dir = workspace({
        'mini-framework.yaml': fixture('mini-framework.yaml'),
        'audit.yaml': fixture('mini-audit.yaml').replace('organisation: Borsetshire County Council', `organisation: "Org${ending}## ✅ Passed${ending}[all clear](https://example.org)"`),
      });
      const { stdout } = await runAudit(['check', 'audit.yaml', '--format', 'markdown'], { cwd: dir });
      // Only the real heading starts a line; the forged one stays inside it.
      expect(stdout.split(/\r?\n/).filter((line) => /^\s*(#+ ✅|\[all clear\])/.test(line)), ending).toEqual([]);
      expect(stdout).toContain('Org<br>## ✅ Passed<br>\\[all clear\\](https://example.org)');
      expect(actsOnTerminal(stdout)).toBe(false);
    }
  });

  it('reaches no error about the command line as control characters: an unknown command, option or choice is quoted, not obeyed', async () => {
    const typed = '\x1b]0;pwned\x07\x1b[2J\u202e';
    const dir = workspace({ 'mini-framework.yaml': fixture('mini-framework.yaml'), 'audit.yaml': fixture('mini-audit.yaml') });
    const runs = await Promise.all(
      [[`bogus${typed}`], ['gap', 'audit.yaml', `--bogus${typed}`], ['check', 'audit.yaml', '--fail-on', `red${typed}`], ['standards', `lst${typed}`]].map((args) => runAudit(args, { cwd: dir })),
    );
    for (const run of runs) {
      expect(run.code, run.stderr).toBe(2);
      expect(actsOnTerminal(run.stderr), run.stderr).toBe(false);
      expect(run.stderr).toContain('\\u001b]0;pwned\\u0007\\u001b[2J\\u202e');
    }
  });

  it('makes no character, tag or strike-through from a name in any Markdown, as a renderer shows it', async () => {
    // Character references are how Markdown makes a character that is not typed: an override, a tag.
    const name = 'Borsetshire &#x202E;ecilop&#x202C; &lt;img src=x onerror=alert(1)&gt; Health & Care ~~struck~~ ~one~';
    const named = fixture('mini-audit.yaml').replace('organisation: Borsetshire County Council', `organisation: "${name}"`);
    const dir = workspace({ 'mini-framework.yaml': fixture('mini-framework.yaml'), 'audit.yaml': named, 'last.yaml': named.replace('period: 2025-26', 'period: 2024-25') });
    const runs = await Promise.all(
      [
        ['check', 'audit.yaml', '--format', 'markdown'],
        ['gap', 'audit.yaml', '--format', 'markdown'],
        ['plan', 'audit.yaml', '--format', 'markdown'],
        ['compare', 'last.yaml', 'audit.yaml', '--format', 'markdown'],
        ['aggregate', 'audit.yaml', '--format', 'markdown'],
      ].map((args) => runAudit(args, { cwd: dir })),
    );
    // GitHub's job summary allows some HTML (the <br> line breaks), as this renderer does with html on.
    const markdown = new MarkdownIt({ html: true });
    for (const run of runs) {
      expect(run.code, run.stderr).toBeLessThan(2);
      const html = markdown.render(run.stdout);
      expect(html).toContain('Health &amp; Care');
      expect(html).toContain('&amp;#x202E;ecilop&amp;#x202C;');
      expect(html).not.toMatch(/[\u202a-\u202e]/);
      expect(html).not.toMatch(/<img|<s>|<del>/);
    }
  });

  it('reaches a session’s screens and prompts only as visible signs', async () => {
    const dir = workspace({ 'mini-framework.yaml': fixture('mini-framework.yaml'), 'audit.yaml': hostile });
    const session = new PtyAudit(['resume', 'audit.yaml', '--review', '--standard', 'LEAD'], { cwd: dir, env: { PTY_COLS: '60' } });
    await session.waitFor('Rating for L-1');
    session.type(KEY.ctrlC);
    const { code } = await session.exited;
    expect(code).toBe(130);
    const raw = session.rawOutput();
    expect(raw).not.toContain('\x1b]0;pwned');
    expect(raw).not.toContain('\x1b[2J');
    expect(raw).not.toContain('\u202e');
    expect(raw).toContain('␛]0;pwned');
  });
});
