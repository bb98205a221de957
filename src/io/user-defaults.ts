/**
 * Answers remembered between runs of `audit start` (organisation, kind, assessor, framework), so an
 * officer who audits every year is not asked to type them again. A small JSON file in the
 * user's configuration folder: $XDG_CONFIG_HOME/safeguarding-audit/defaults.json, else
 * ~/.config/… (%APPDATA%\… on Windows).
 *
 * A convenience only: a missing, unreadable or unwritable file never stops an audit.
 */
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { makeFolder, writeFileAtomically } from './atomic-write.js';
import { readUserFile } from './read-user-file.js';

export interface UserDefaults {
  organisation?: string;
  assessor?: string;
  /** The framework id (or path) chosen last. */
  framework?: string;
  /** The kind of organisation chosen last, offered where the framework declares it. */
  kind?: string;
}

const KEYS = ['organisation', 'assessor', 'framework', 'kind'] as const;

export function userDefaultsFile(env: NodeJS.ProcessEnv = process.env): string {
  const base =
    env.XDG_CONFIG_HOME ||
    (process.platform === 'win32' && env.APPDATA ? env.APPDATA : join(env.HOME || homedir(), '.config'));
  return join(base, 'safeguarding-audit', 'defaults.json');
}

export async function readUserDefaults(env: NodeJS.ProcessEnv = process.env): Promise<UserDefaults> {
  try {
    const data: unknown = JSON.parse(await readUserFile(userDefaultsFile(env), 'defaults file', { maxBytes: 64 * 1024 }));
    if (typeof data !== 'object' || data === null) return {};
    const defaults: UserDefaults = {};
    for (const key of KEYS) {
      const value = (data as Record<string, unknown>)[key];
      if (typeof value === 'string' && value.trim()) defaults[key] = value;
    }
    return defaults;
  } catch {
    return {};
  }
}

/** Merges `values` into the remembered defaults. Never throws. */
export async function rememberUserDefaults(values: UserDefaults, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const file = userDefaultsFile(env);
  try {
    const merged = { ...(await readUserDefaults(env)), ...values };
    await makeFolder(dirname(file));
    await writeFileAtomically(file, `${JSON.stringify(merged, null, 2)}\n`);
  } catch {
    // A read-only home folder costs the user some typing next time, nothing more.
  }
}
