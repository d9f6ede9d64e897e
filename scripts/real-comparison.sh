#!/usr/bin/env bash
# The paper's none / 1-step / 2-step comparison on real public chest X-rays, in one command:
#   scripts/real-comparison.sh DATA [WORKSPACE]
# DATA holds the public sets in their published layouts: nih14/ (NIH ChestX-ray14 with ChestX-Det), ieee8023/,
# jsrt/ and ccxs/ (README: "Real chest X-rays" says where to get each). Every step is resumable: run the same
# command again after an interruption and it goes on where it stopped. Extra arguments (e.g. --device cuda) go to
# `grid run`. The report lands in WORKSPACE/report-real/ (report.md, report.html, charts/).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if [[ $# -lt 1 || "$1" == -h || "$1" == --help ]]; then
  sed -n '2,7p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
  exit 2
fi
DATA="$1"; shift
WS="${1:-workspace-real}"; [[ $# -gt 0 ]] && shift
GRID="$ROOT/grids/real.yaml"
SIZE=128
for d in nih14 ieee8023 jsrt ccxs; do
  [[ -d "$DATA/$d" ]] || { echo "real-comparison: $DATA/$d not found (DATA must hold nih14/, ieee8023/, jsrt/ and ccxs/)" >&2; exit 2; }
done
cx() { "$ROOT/cxrseg" "$@"; }
start=$(date +%s)
for d in nih14 ieee8023 jsrt ccxs; do
  cx prepare "$d" --source "$DATA/$d" --out "$WS" --size "$SIZE" --quiet
done
cx prepare chestxdet --source "$DATA/nih14" --out "$WS" --size "$SIZE" --quiet
cx grid run "$GRID" --workspace "$WS" "$@"
cx report "$GRID" --workspace "$WS" --out "$WS/report-real"
echo "real-comparison: finished in $(( ($(date +%s) - start) / 60 )) min; report: $WS/report-real/report.md"
