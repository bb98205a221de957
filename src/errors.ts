import { isAbsolute, relative } from 'node:path';

/**
 * Errors the CLI knows how to report. Only src/cli.ts turns them into exit statuses;
 * everything else throws.
 */

/** Where in a user's file a fault lies. Line and column are 1-based. */
export interface SourcePosition {
  file: string;
  line?: number;
  column?: number;
  /** In a workbook: the sheet and cell (`Return!E14`), or the sheet alone. */
  cell?: string;
}

/** Base class: an error whose message is meant for the user, printed without a stack trace. */
export class AuditError extends Error {
  readonly exitCode: number;
  constructor(message: string, exitCode: number) {
    super(message);
    this.name = new.target.name;
    this.exitCode = exitCode;
  }
}

/** Bad input in a file or an argument: exit status 2, nothing written. */
export class InputError extends AuditError {
  readonly position: SourcePosition | undefined;
  /** Further faults in the same file, for commands that list them all (standards validate). */
  readonly more: readonly InputError[];
  constructor(message: string, position?: SourcePosition, more: readonly InputError[] = []) {
    super(message, 2);
    this.position = position;
    this.more = more;
  }

  /**
   * `file:line:column: message`, the form editors and CI annotations recognise. Paths under
   * `cwd` are shown relative to it, as the user typed them.
   */
  describe(cwd?: string): string {
    const where = this.where(cwd);
    return where === undefined ? this.message : `${where}: ${this.message}`;
  }

  /** Where the fault lies, as `describe` begins (`file:line:column`, `file: Sheet!A1`); undefined when nowhere. */
  where(cwd?: string): string | undefined {
    const p = this.position;
    if (!p) return undefined;
    const file = cwd && isAbsolute(p.file) && !relative(cwd, p.file).startsWith('..') ? relative(cwd, p.file) : p.file;
    if (p.cell !== undefined) return `${file}: ${p.cell}`;
    return [file, p.line, p.line !== undefined ? p.column : undefined].filter((part) => part !== undefined).join(':');
  }
}

/**
 * Every fault found in one file (a return workbook), reported together so the sender can fix
 * them all at once: the first is the error itself, the rest are `more`.
 */
export class InputErrors extends InputError {
  constructor(faults: readonly [InputError, ...InputError[]]) {
    super(faults[0].message, faults[0].position, faults.slice(1));
  }

  get all(): readonly InputError[] {
    return [this, ...this.more];
  }
}

/** Wrong use of the command line itself (unknown option, missing argument): exit status 2. */
export class UsageError extends AuditError {
  constructor(message: string) {
    super(message, 2);
  }
}

/** The user cancelled (Ctrl-C at a prompt): exit status 130, as a shell reports SIGINT. */
export class Cancelled extends AuditError {
  /** What was typed at a text prompt when it was stopped, not yet given as an answer. */
  readonly typed: string | undefined;
  /** What became of that text, for the message the user reads on stopping. */
  kept: string | undefined;

  constructor(message: string, typed?: string) {
    super(message, 130);
    this.typed = typed;
  }
}
