// npm's `prepare` script: builds the package (scripts/build.mjs) when it is packed (npm pack,
// npm publish), installed from git (npm install -g git+https://…#v1.2.0), and after `npm ci`
// or `npm install` in a checkout. Quick, and the same however often it runs.
//
// npm installs a package from git by cloning it, installing its dependencies and devDependencies
// in the clone, and running `prepare` there. A global install (`-g`, the way `audit` is
// installed) skips that install, passing its global setting on (npm/cli#8440), so the build
// finds no build tools. Then they are installed here, in the clone, first.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

async function hasBuildTools() {
  try {
    await import('rolldown');
    return true;
  } catch {
    return false;
  }
}

if (!(await hasBuildTools())) {
  if (!process.env.npm_execpath) {
    console.error('prepare: the build tools are not installed: run npm ci first');
    process.exit(1);
  }
  // Settings that would send the install elsewhere than this folder, or leave devDependencies out.
  const elsewhere = /^npm_config_(global|location|prefix|omit|include|only|production|dev)$/i;
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !elsewhere.test(name)));
  const install = spawnSync(process.execPath, [process.env.npm_execpath, 'ci', '--include=dev', '--ignore-scripts', '--no-audit', '--no-fund'], {
    cwd: ROOT,
    env,
    stdio: 'inherit',
  });
  if (install.status !== 0) process.exit(install.status ?? 1);
}
await import('./build.mjs');
