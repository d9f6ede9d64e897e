#!/usr/bin/env bash
# Runs the whole test suite and ends with a plain line "N passed, N failed".
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
"$ROOT/scripts/ensure-built.sh" || exit $?
export CXRSEG_ROOT="$ROOT"
log="$ROOT/.build/test.log"
dotnet test "$ROOT/tests/CxrSeg.Tests/CxrSeg.Tests.csproj" -c Release --nologo \
  --logger "console;verbosity=normal" "$@" 2>&1 | tee "$log"
rc=${PIPESTATUS[0]}
count() { grep -E "^ +$1: +[0-9]+" "$log" | tail -1 | sed -nE 's/.*: +([0-9]+).*/\1/p'; }
total=$(grep -E "^Total tests: +[0-9]+" "$log" | tail -1)
passed=$(count Passed); passed=${passed:-0}
failed=$(count Failed); failed=${failed:-0}
skipped=$(count Skipped); skipped=${skipped:-0}
if [ -z "$total" ]; then failed=$((failed + 1)); echo "test run did not complete (exit $rc)"; fi
echo "skipped: $skipped"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$rc" -eq 0 ]
