/**
 * Writing a command's output to the file named with -o, atomically: a workbook's bytes, or the
 * text a format would have printed. A file that cannot be written exits 3 and leaves any earlier
 * one as it was.
 */
import { relative, resolve } from 'node:path';
import { InputError } from '../errors.js';
import { neutraliseTerminal } from '../render/safe-text.js';
import type { CommandContext } from './context.js';

export async function writeOutput(output: string, data: string | Uint8Array, inputs: readonly string[], what: string, ctx: CommandContext): Promise<void> {
  const target = resolve(ctx.cwd, output);
  if (inputs.some((input) => resolve(ctx.cwd, input) === target)) {
    throw new InputError('-o names a file the command reads; give another file for the output', { file: output });
  }
  // Loaded here, so that a command that prints its output never loads the writer.
  const { refuseInputAsOutput, writeFileAtomically } = await import('../io/atomic-write.js');
  // The same file by another name (a link, a hard link) is refused too.
  await refuseInputAsOutput(target, inputs.map((input) => ({ file: resolve(ctx.cwd, input), what: 'a file the command reads' })));
  // Text is read later, in a terminal too: shown, never obeyed, as on standard output.
  await writeFileAtomically(target, typeof data === 'string' ? neutraliseTerminal(data, false) : data);
  ctx.say(`Wrote ${relative(ctx.cwd, target) || output}: ${what}\n`);
}
