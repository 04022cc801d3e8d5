#!/usr/bin/env bash
# Per-layer profiles of two checkouts side by side, alternating rounds (this host's speed
# drifts within minutes, so one checkout's runs never all land in a slow spell).
# Usage: scripts/compare-layer-profile.sh BEFORE_REPO [ROUNDS] [MAX_VECTOR_BITS] [STEP_PATTERN]
#   STEP_PATTERN selects the step lines to print (grep -E), default the first layer: ' #0 '.
# Prints each model's minimum and median and the selected steps' time and GFLOP/s.
set -euo pipefail
after="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
before="$(cd "${1:?usage: $0 BEFORE_REPO [ROUNDS] [MAX_VECTOR_BITS] [STEP_PATTERN]}" && pwd)"
rounds="${2:-2}"
bits="${3:-512}"
pattern="${4:- #0 }"
for repo in "$before" "$after"; do
  dotnet build "$repo/bench/FaceMesh.Benchmarks/FaceMesh.Benchmarks.csproj" -c Release -nologo -v q > /dev/null
done
for round in $(seq 1 "$rounds"); do
  for side in before after; do
    repo="$before"
    [ "$side" = after ] && repo="$after"
    echo "--- round $round, $side ($repo)"
    (cd "$repo/bench/FaceMesh.Benchmarks" &&
      dotnet bin/Release/net10.0/FaceMesh.Benchmarks.dll profile 300 1 "$bits" | grep -E "^==|$pattern")
  done
done
