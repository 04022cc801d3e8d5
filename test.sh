#!/usr/bin/env bash
# Installs what the tests need (ffmpeg, npm for the models, Debian face fixtures), then runs
# every test in the solution and prints one summary line.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$root"
bash scripts/install-deps.sh --tests
bash scripts/fetch-models.sh
bash scripts/fetch-fixtures.sh

log="$(mktemp)"
trap 'rm -f "$log"' EXIT
set +e
dotnet test FaceMesh.slnx -c Release -nologo 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e
# dotnet test prints one "Passed!/Failed! - Failed: a, Passed: b, Skipped: c" line per project.
awk '/(Passed|Failed)! +- +Failed:/ {
       for (i = 1; i <= NF; i++) { gsub(",", "", $(i+1));
         if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1); if ($i == "Skipped:") s += $(i+1) } }
     END { printf "tests: %d passed, %d failed, %d skipped\n", p, f, s }' "$log"
exit "$status"
