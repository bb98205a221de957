#!/usr/bin/env node
// The `audit` command: runs the bundled CLI, dist/cli.cjs (npm run build makes it; a packed or
// installed package has it). CommonJS (bin/package.json says so), because Node starts a
// CommonJS file faster than an ES module; and kept to syntax that old versions of Node read,
// so that they are told which version to install rather than shown a syntax error.
'use strict';
var fs = require('fs');
var path = require('path');

var version = process.versions.node.split('.').map(Number);
// Node 21 and 22.0-22.1 lack zlib.crc32, which the workbook reader and the code cache use.
if (version[0] < 20 || (version[0] === 20 && version[1] < 17) || version[0] === 21 || (version[0] === 22 && version[1] < 2)) {
  process.stderr.write('audit: needs Node.js 20.17 or newer (20 LTS, or 22.2 and later); this is Node.js ' + process.versions.node + ' (https://nodejs.org)\n');
  process.exit(2);
}

var cli = path.join(__dirname, '..', 'dist', 'cli.cjs');
if (!fs.existsSync(cli)) {
  process.stderr.write('audit: this checkout is not built yet: run npm run build\n');
  process.exit(2);
}
// Node 22.1 and later keep the compiled code between runs (in the system's temporary folder),
// which makes every later start faster. Node 20 has no such cache: there the bundle is compiled
// from the code cache the build made (bin/code-cache.js).
var nodeModule = require('module');
if (typeof nodeModule.enableCompileCache === 'function') nodeModule.enableCompileCache();
else require('./code-cache.js').useCodeCache(path.dirname(cli), process.env.AUDIT_TRAIN_CODE_CACHE === '1');
// Most commands run for a fraction of a second, in which V8's optimising compiler, started as
// early as it is by default, spends more time compiling than it saves. Started later (an interrupt
// budget eight times the default), `audit gap --format json` of a 1,000-criterion audit on Node 20
// took 72 ms rather than 84, and 68 ms of CPU rather than 108 (each with a code cache trained
// under its own setting; NODE_EXTRA_CA_CERTS unset), and a long run (a 500-criterion report, a
// partnership of 400 audits) was no slower (bench/startup.mjs). Only on the version measured: V8
// prints an error for a flag it lacks.
if (version[0] === 20) require('v8').setFlagsFromString('--interrupt-budget=540672');
require(cli);
