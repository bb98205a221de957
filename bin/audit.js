#!/usr/bin/env node
// The `audit` command: runs the bundled CLI in dist/ (npm run build makes it; a packed or
// installed package has it). Kept to syntax old versions of Node can read, so that they are
// told which version to install rather than shown a syntax error.
import { existsSync } from 'node:fs';

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 17)) {
  process.stderr.write('audit: needs Node.js 20.17 or newer; this is Node.js ' + process.versions.node + ' (https://nodejs.org)\n');
  process.exit(2);
}

const cli = new URL('../dist/cli.js', import.meta.url);
import(cli.href).catch(function (err) {
  if (!existsSync(cli)) {
    process.stderr.write('audit: this checkout is not built yet: run npm run build\n');
    process.exitCode = 2;
    return;
  }
  // A file of the bundle missing or unreadable: an incomplete build or installation.
  process.stderr.write('audit: cannot start: ' + (err && err.message) + '\n(in a checkout, run npm run build; otherwise reinstall audit)\n');
  process.exitCode = 70;
});
