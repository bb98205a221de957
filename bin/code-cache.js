// A V8 code cache for the bundle, for Node 20, which has no module.enableCompileCache. Compiling
// the bundle's JavaScript is a good share of a short command's time (about a tenth of the time
// a 1,000-criterion `audit gap` takes beyond a bare node's, and a third of an `audit export`,
// most of it exceljs); V8 can instead take the code it compiled in an earlier run.
//
// The cache is made by the build (scripts/build.mjs runs commands with AUDIT_TRAIN_CODE_CACHE=1)
// and ships in dist/code-cache/<V8 version>/, beside the files it is for: one file per bundle
// file, holding every function those commands ran. At run time it is only read, so parallel runs
// and read-only installs are safe. The cache only ever saves time; a file is compiled as Node
// would when its cache is missing, unreadable, made by another V8 (another folder), refused by
// V8 (other V8 flags, damaged bytes), or made from other source. Two checks are ours, because V8
// checks a cache against only the length of its source, and in a release build not its own
// bytes: a file changed to one of the same length ran its old code, and a cache with damaged
// bytes crashed the process. Each cache file holds a copy of the source it was made from, which
// must equal the file's source; and V8 is told to check its cache's own checksum
// (--verify-snapshot-checksum, which also makes it write one when training). Comparing the
// source costs about 0.15 ms for each file of 100 to 150 KB (0.7 ms for the five a 1,000-criterion
// `audit gap` loads); the CRC-32 these replaced cost a millisecond more on every command, most of
// it loading node:zlib. Same technique as v8-compile-cache: our own
// files are compiled through vm.Script with cachedData, every other module by Node itself.
'use strict';
var fs = require('fs');
var path = require('path');
var Module = require('module');
var vm = require('vm');

// Each file holds the length in bytes of the source it was made from (4 bytes, little-endian),
// that source (UTF-8), and then V8's cache.
var LENGTH_BYTES = 4;

/** Where the cache of a bundle file is kept: dist/code-cache/<V8 version>/<its path in dist>.bin. */
function cacheFileFor(dist, filename) {
  return path.join(dist, 'code-cache', process.versions.v8, path.relative(dist, filename) + '.bin');
}

/** V8's cache for `source` from `cacheFile`, or undefined when there is none that matches it. */
function readCache(cacheFile, source) {
  var file;
  try {
    file = fs.readFileSync(cacheFile);
  } catch (err) {
    return undefined;
  }
  if (file.length <= LENGTH_BYTES) return undefined;
  var end = LENGTH_BYTES + file.readUInt32LE(0);
  if (end >= file.length || !Buffer.from(source).equals(file.subarray(LENGTH_BYTES, end))) return undefined;
  return file.subarray(end);
}

/** Writes V8's cache of `script`, compiled from `source`, whole or not at all. */
function writeCache(cacheFile, script, source) {
  var sourceBytes = Buffer.from(source);
  var header = Buffer.alloc(LENGTH_BYTES);
  header.writeUInt32LE(sourceBytes.length, 0);
  var temp = cacheFile + '.' + process.pid + '.tmp';
  try {
    fs.mkdirSync(path.dirname(cacheFile), { recursive: true });
    fs.writeFileSync(temp, Buffer.concat([header, sourceBytes, script.createCachedData()]));
    fs.renameSync(temp, cacheFile);
  } catch (err) {
    // A folder it may not write (an installed package): that file keeps compiling as usual.
    fs.rmSync(temp, { force: true });
  }
}

/** The `require` Node gives a CommonJS module, as far as bundled code uses it. */
function requireFor(mod) {
  function require(id) {
    return mod.require(id);
  }
  require.resolve = function (request, options) {
    return Module._resolveFilename(request, mod, false, options);
  };
  require.main = process.mainModule;
  require.extensions = Module._extensions;
  require.cache = Module._cache;
  return require;
}

// The bundle has no import() (rolldown turns ours into require), but should a library bring one,
// it must still work.
var dynamicImport = vm.constants && vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER;

/**
 * Compiles every .cjs file under `dist` from its cache where there is one. With `train`, also
 * writes, as the process exits, the cache of every bundle file it loaded: what it read from the
 * cache and every function compiled since, so that each training run adds to the last.
 */
function useCodeCache(dist, train) {
  // V8 then checks the checksum of every cache it is given, and writes one into every cache it makes.
  require('v8').setFlagsFromString('--verify-snapshot-checksum');
  var inBundle = dist + path.sep;
  var loaded = [];
  var compile = Module.prototype._compile;
  Module.prototype._compile = function (content, filename) {
    if (filename.slice(0, inBundle.length) !== inBundle || filename.slice(-4) !== '.cjs') return compile.apply(this, arguments);
    var cacheFile = cacheFileFor(dist, filename);
    var cachedData = readCache(cacheFile, content);
    if (!cachedData && !train) return compile.apply(this, arguments);
    var options = { filename: filename, cachedData: cachedData };
    if (dynamicImport) options.importModuleDynamically = dynamicImport;
    var script = new vm.Script(Module.wrap(content), options);
    if (train) loaded.push({ script: script, cacheFile: cacheFile, source: content });
    var wrapper = script.runInThisContext({ displayErrors: true });
    return wrapper.call(this.exports, this.exports, requireFor(this), this, filename, path.dirname(filename));
  };
  if (train) {
    process.on('exit', function () {
      loaded.forEach(function (entry) {
        writeCache(entry.cacheFile, entry.script, entry.source);
      });
    });
  }
}

module.exports = { useCodeCache: useCodeCache };
