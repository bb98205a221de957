// A V8 code cache for the bundle, for Node 20, which has no module.enableCompileCache. Compiling
// the bundle's JavaScript is a good share of a short command's time (about a tenth of the time
// a 1,000-criterion `audit gap` takes beyond a bare node's, and a third of an `audit export`,
// most of it exceljs); V8 can instead take the code it compiled in an earlier run, which it
// checks against its own version and flags and the length of the source.
//
// The cache is made by the build (scripts/build.mjs runs commands with AUDIT_TRAIN_CODE_CACHE=1)
// and ships in dist/code-cache/, beside the files it is for: one file per bundle file, holding
// every function those commands ran. At run time it is only read, so parallel runs and read-only
// installs are safe. A file with no cache, or one V8 refuses (another Node version, other V8
// flags), is compiled as Node would; the cache only ever saves time. Same technique as
// v8-compile-cache: our own files are compiled through vm.Script with cachedData, every other
// module by Node itself.
'use strict';
var fs = require('fs');
var path = require('path');
var Module = require('module');
var vm = require('vm');

/** Where the cache of a bundle file is kept: dist/code-cache/<its path in dist>.bin. */
function cacheFileFor(dist, filename) {
  return path.join(dist, 'code-cache', path.relative(dist, filename) + '.bin');
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
  var inBundle = dist + path.sep;
  var loaded = [];
  var compile = Module.prototype._compile;
  Module.prototype._compile = function (content, filename) {
    if (filename.slice(0, inBundle.length) !== inBundle || filename.slice(-4) !== '.cjs') return compile.apply(this, arguments);
    var cacheFile = cacheFileFor(dist, filename);
    var cachedData;
    try {
      cachedData = fs.readFileSync(cacheFile);
    } catch (err) {
      if (!train) return compile.apply(this, arguments);
    }
    var options = { filename: filename, cachedData: cachedData };
    if (dynamicImport) options.importModuleDynamically = dynamicImport;
    var script = new vm.Script(Module.wrap(content), options);
    if (train) loaded.push({ script: script, cacheFile: cacheFile });
    var wrapper = script.runInThisContext({ displayErrors: true });
    return wrapper.call(this.exports, this.exports, requireFor(this), this, filename, path.dirname(filename));
  };
  if (train) {
    process.on('exit', function () {
      loaded.forEach(function (entry) {
        var temp = entry.cacheFile + '.' + process.pid + '.tmp';
        try {
          fs.mkdirSync(path.dirname(entry.cacheFile), { recursive: true });
          fs.writeFileSync(temp, entry.script.createCachedData());
          fs.renameSync(temp, entry.cacheFile);
        } catch (err) {
          // A folder it may not write (an installed package): that file keeps compiling as usual.
          fs.rmSync(temp, { force: true });
        }
      });
    });
  }
}

module.exports = { useCodeCache: useCodeCache };
