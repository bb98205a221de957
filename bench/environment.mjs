// The environment every benchmark runs its commands in, set before any of them copies it.
// NODE_EXTRA_CA_CERTS makes every Node process read the named certificate bundle as it starts:
// on the development machine (/etc/ssl/certs/ca-certificates.crt) about 38 ms of CPU, more than
// the whole of a bare `node -e 0` without it. audit makes no network connection, so the variable
// only inflates the baseline every figure is a ratio to, and hides audit's own start-up cost:
// the benchmarks run without it, as on a machine that does not set it.
if (process.env.NODE_EXTRA_CA_CERTS !== undefined) {
  delete process.env.NODE_EXTRA_CA_CERTS;
  console.log('(NODE_EXTRA_CA_CERTS is set here; the benchmarks run without it: bench/environment.mjs)\n');
}
