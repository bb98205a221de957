// `prepare`: what npm runs after `npm ci`, before `npm pack`, and when it installs audit from a
// git URL. It builds (build.mjs). One npm fault is worked round first: `npm install --global
// git+…` prepares the clone with its devDependencies installed into the global prefix, not the
// clone, so the build tools are missing (npm/cli#8440, open on npm 11). Where they are missing,
// they are installed into the clone from the lockfile, without scripts, and the build goes on.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

if (!existsSync(join(ROOT, 'node_modules', 'rolldown', 'package.json'))) {
  const args = ['install', '--global=false', '--include=dev', '--ignore-scripts', '--no-save', '--no-audit', '--no-fund'];
  // npm_execpath is the npm that runs this script; `npm` on the PATH otherwise.
  const npm = process.env.npm_execpath;
  const result = npm
    ? spawnSync(process.execPath, [npm, ...args], { cwd: ROOT, stdio: 'inherit' })
    : spawnSync('npm', args, { cwd: ROOT, stdio: 'inherit', shell: process.platform === 'win32' });
  if (result.status !== 0) {
    process.stderr.write('audit: the build tools (devDependencies) could not be installed, so audit cannot be built here\n');
    process.exit(1);
  }
}

await import('./build.mjs');
