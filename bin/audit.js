#!/usr/bin/env node
// The `audit` command: runs the bundled CLI, dist/cli.cjs (npm run build makes it; a packed or
// installed package has it). CommonJS (bin/package.json says so), because Node starts a
// CommonJS file faster than an ES module; and kept to syntax that old versions of Node read,
// so that they are told which version to install rather than shown a syntax error.
'use strict';
var fs = require('fs');
var path = require('path');

var version = process.versions.node.split('.').map(Number);
if (version[0] < 20 || (version[0] === 20 && version[1] < 17)) {
  process.stderr.write('audit: needs Node.js 20.17 or newer; this is Node.js ' + process.versions.node + ' (https://nodejs.org)\n');
  process.exit(2);
}

var cli = path.join(__dirname, '..', 'dist', 'cli.cjs');
if (!fs.existsSync(cli)) {
  process.stderr.write('audit: this checkout is not built yet: run npm run build\n');
  process.exit(2);
}
// Node 22.1 and later keep the compiled code between runs (in the system's temporary folder),
// which makes every later start faster; Node 20 has no such cache, and this does nothing there.
var nodeModule = require('module');
if (typeof nodeModule.enableCompileCache === 'function') nodeModule.enableCompileCache();
require(cli);
