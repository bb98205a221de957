/**
 * Writing a command's output to the file named with -o, atomically: a workbook's bytes, or the
 * text a format would have printed. An -o that is one of the command's inputs is refused (exit
 * 2) before anything is written; a file that cannot be written exits 3 and leaves any earlier
 * one as it was.
 */
import { relative, resolve } from 'node:path';
import type { CommandInput } from '../io/atomic-write.js';
import { neutraliseTerminal } from '../render/safe-text.js';
import type { CommandContext } from './context.js';

export async function writeOutput(output: string, data: string | Uint8Array, inputs: readonly CommandInput[], what: string, ctx: CommandContext): Promise<void> {
  const target = resolve(ctx.cwd, output);
  // Loaded here, so that a command that prints its output never loads the writer.
  const { refuseInputAsOutput, writeFileAtomically } = await import('../io/atomic-write.js');
  await refuseInputAsOutput(target, inputs.map((input) => ({ ...input, file: resolve(ctx.cwd, input.file) })));
  // Text is read later, in a terminal too: shown, never obeyed, as on standard output.
  await writeFileAtomically(target, typeof data === 'string' ? neutraliseTerminal(data, false) : data);
  ctx.say(`Wrote ${relative(ctx.cwd, target) || output}: ${what}\n`);
}

/** An audit (or return) a command reads, and the framework file it was read against. */
export function auditInputs(file: string, frameworkFile: string, what = 'the audit file'): CommandInput[] {
  return [
    { file, what },
    { file: frameworkFile, what: "the audit's framework file" },
  ];
}
