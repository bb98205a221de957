/** Whether something is at `file` (a link followed): the one test before "would replace it". */
import { access } from 'node:fs/promises';

export async function exists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  );
}
