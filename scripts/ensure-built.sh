#!/usr/bin/env bash
# Installs what is missing on a fresh Debian machine, then builds the tool once (again only when a source
# file changed). Sourced by ./cxrseg and ./test.sh; all messages go to stderr.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD_DIR="$ROOT/.build"
mkdir -p "$BUILD_DIR"

need_root() {
  if [ "$(id -u)" -ne 0 ]; then
    echo "cxrseg: '$1' is missing. Install it with: sudo apt-get update && sudo apt-get install -y $2" >&2
    exit 3
  fi
}

if ! command -v dotnet >/dev/null 2>&1; then
  echo "cxrseg: the .NET 10 SDK is missing. Install it (https://dot.net) or: apt-get install -y dotnet-sdk-10.0 from Microsoft's Debian feed." >&2
  exit 3
fi
if [ ! -f /usr/lib/cli/gdcm-sharp-3.0/gdcm-sharp.dll ]; then
  need_root "GDCM C# bindings" libgdcm-cil
  echo "cxrseg: installing GDCM's C# bindings (apt-get install -y libgdcm-cil)..." >&2
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libgdcm-cil) >"$BUILD_DIR/apt.log" 2>&1 \
    || { echo "cxrseg: apt-get failed, see $BUILD_DIR/apt.log" >&2; exit 3; }
fi

# Build once; rebuild only when a source, project or props file is newer than the last build.
stamp="$BUILD_DIR/cli.stamp"
(
  flock 9
  if [ ! -f "$stamp" ] || [ -n "$(find "$ROOT/src" "$ROOT/Directory.Build.props" "$ROOT/Directory.Packages.props" \
        -newer "$stamp" \( -name '*.cs' -o -name '*.csproj' -o -name '*.props' -o -name '*.yaml' -o -name '*.json' \) \
        -not -path '*/bin/*' -not -path '*/obj/*' -print -quit)" ]; then
    echo "cxrseg: building (Release)..." >&2
    if ! dotnet build "$ROOT/src/CxrSeg.Cli/CxrSeg.Cli.csproj" -c Release -o "$BUILD_DIR/cli" --nologo -v q -clp:ErrorsOnly >"$BUILD_DIR/build.log" 2>&1; then
      cat "$BUILD_DIR/build.log" >&2
      echo "cxrseg: build failed (log: $BUILD_DIR/build.log)" >&2
      exit 4
    fi
    touch "$stamp"
  fi
) 9>"$BUILD_DIR/build.lock"
