import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readUserDefaults, rememberUserDefaults, userDefaultsFile } from '../../src/io/user-defaults.js';
import { workspace } from '../helpers/cli.js';

describe('remembered defaults', () => {
  it('live in XDG_CONFIG_HOME, else ~/.config', () => {
    expect(userDefaultsFile({ XDG_CONFIG_HOME: '/x/config', HOME: '/home/jo' })).toBe('/x/config/safeguarding-audit/defaults.json');
    expect(userDefaultsFile({ HOME: '/home/jo' })).toBe('/home/jo/.config/safeguarding-audit/defaults.json');
  });

  it('are merged and written back, creating the folder', async () => {
    const env = { XDG_CONFIG_HOME: join(workspace(), 'config') };
    expect(await readUserDefaults(env)).toEqual({});
    await rememberUserDefaults({ organisation: 'Borsetshire', framework: 'climbie-2003' }, env);
    await rememberUserDefaults({ assessor: 'Jo Bloggs', organisation: 'Ambridge' }, env);
    expect(await readUserDefaults(env)).toEqual({ organisation: 'Ambridge', framework: 'climbie-2003', assessor: 'Jo Bloggs' });
    expect(JSON.parse(readFileSync(userDefaultsFile(env), 'utf8'))).toEqual({ organisation: 'Ambridge', framework: 'climbie-2003', assessor: 'Jo Bloggs' });
  });

  it('ignore a broken file, and keep only the known string answers', async () => {
    const env = { XDG_CONFIG_HOME: join(workspace(), 'config') };
    mkdirSync(join(env.XDG_CONFIG_HOME, 'safeguarding-audit'), { recursive: true });
    writeFileSync(userDefaultsFile(env), '{ not json');
    expect(await readUserDefaults(env)).toEqual({});
    writeFileSync(userDefaultsFile(env), JSON.stringify({ organisation: 'Ambridge', assessor: 7, colour: 'red', framework: '  ' }));
    expect(await readUserDefaults(env)).toEqual({ organisation: 'Ambridge' });
  });

  it('never stop an audit when they cannot be written', async () => {
    const dir = workspace();
    writeFileSync(join(dir, 'config'), 'a file where the folder should be');
    chmodSync(join(dir, 'config'), 0o444);
    await expect(rememberUserDefaults({ organisation: 'x' }, { XDG_CONFIG_HOME: join(dir, 'config') })).resolves.toBeUndefined();
  });
});
