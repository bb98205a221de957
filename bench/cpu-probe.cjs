// Preloaded by bench/startup.mjs (node -r bench/cpu-probe.cjs …): as the process exits, writes its
// CPU time (user and system, every thread, in microseconds) to file descriptor 3.
'use strict';
process.on('exit', () => {
  const { user, system } = process.cpuUsage();
  require('fs').writeSync(3, `${user + system}\n`);
});
