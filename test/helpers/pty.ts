/**
 * Drives the built `audit` through a real pseudo-terminal (test/helpers/pty-bridge.py): types
 * keys, waits for text to appear on the screen (never for a fixed time), and can kill it.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { stripVTControlCharacters } from 'node:util';
import { join } from 'node:path';
import { BIN, ROOT } from './cli.js';

const BRIDGE = join(ROOT, 'test/helpers/pty-bridge.py');

export const KEY = {
  enter: '\r',
  up: '\x1b[A',
  down: '\x1b[B',
  ctrlC: '\x03',
  backspace: '\x7f',
} as const;

export interface PtyExit {
  code: number | null;
  /** Everything shown, escape sequences removed. */
  screen: string;
}

export class PtyAudit {
  private raw = '';
  private cursor = 0;
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly waiters = new Set<() => void>();
  readonly pid: Promise<number>;
  readonly exited: Promise<PtyExit>;

  constructor(args: string[], options: { cwd: string; env?: Record<string, string | undefined> }) {
    this.child = spawn('python3', [BRIDGE, process.execPath, BIN, ...args], {
      cwd: options.cwd,
      env: {
        ...process.env,
        TERM: 'xterm-256color',
        NO_COLOR: '1',
        FORCE_COLOR: undefined,
        AUDIT_DEBUG: undefined,
        ...options.env,
      },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stderr = '';
    this.pid = new Promise((resolve, reject) => {
      this.child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
        stderr += chunk;
        const match = /^pid (\d+)$/m.exec(stderr);
        if (match) resolve(Number(match[1]));
      });
      this.child.on('error', reject);
    });
    this.child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      this.raw += chunk;
      for (const wake of this.waiters) wake();
    });
    this.exited = new Promise((resolve) => {
      this.child.on('close', (code) => {
        for (const wake of this.waiters) wake();
        resolve({ code, screen: this.screen() });
      });
    });
  }

  /** All output so far, escape sequences and all. */
  rawOutput(): string {
    return this.raw;
  }

  /** All output so far, as plain text. */
  screen(): string {
    return stripVTControlCharacters(this.raw);
  }

  /**
   * Waits until `pattern` appears after the last text waited for, then moves past it: so
   * that waiting for the same prompt twice waits for its second appearance.
   */
  async waitFor(pattern: string | RegExp, timeoutMs = 20_000): Promise<string> {
    const find = () => {
      const text = this.screen().slice(this.cursor);
      if (typeof pattern === 'string') {
        const at = text.indexOf(pattern);
        return at < 0 ? undefined : { at, text: pattern };
      }
      const match = new RegExp(pattern.source, pattern.flags.replace('g', '')).exec(text);
      return match ? { at: match.index, text: match[0] } : undefined;
    };
    let closed = false;
    void this.exited.then(() => (closed = true));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => finish(new Error(`timed out waiting for ${String(pattern)}; screen so far:\n${this.screen().slice(-3000)}`)), timeoutMs);
      const check = () => {
        const found = find();
        if (found) {
          this.cursor += found.at + found.text.length;
          finish(undefined, found.text);
        } else if (closed) {
          finish(new Error(`audit exited before showing ${String(pattern)}; screen:\n${this.screen().slice(-3000)}`));
        }
      };
      const finish = (err?: Error, text?: string) => {
        clearTimeout(timer);
        this.waiters.delete(check);
        if (err) reject(err);
        else resolve(text!);
      };
      this.waiters.add(check);
      check();
    });
  }

  type(keys: string): void {
    this.child.stdin.write(keys);
  }

  /** Waits for `prompt`, then types `keys`. */
  async answer(prompt: string | RegExp, keys: string): Promise<void> {
    await this.waitFor(prompt);
    this.type(keys);
  }

  async kill(signal: NodeJS.Signals): Promise<PtyExit> {
    process.kill(await this.pid, signal);
    return this.exited;
  }
}
