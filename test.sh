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
# The fuzz corpus (seeds and past findings) replayed through every fuzz target: a few seconds.
# The coverage-guided AFL++ run itself needs about 3 minutes even when short, so it is opt-in:
# FACEMESH_FUZZ_SECONDS=N ./test.sh (or scripts/fuzz.sh all N).
# (dotnet test builds only the test projects and what they reference, so the harness is built here.)
dotnet build fuzz/FaceMesh.Fuzz/FaceMesh.Fuzz.csproj -c Release -nologo -v quiet >>"$log" 2>&1 || status=1
for target in tflite flexbuffers image-header pnm png; do
  dotnet fuzz/FaceMesh.Fuzz/bin/Release/net10.0/FaceMesh.Fuzz.dll "$target" fuzz/corpus/"$target"/* || status=1
done
if [ -n "${FACEMESH_FUZZ_SECONDS:-}" ]; then
  bash scripts/fuzz.sh all "$FACEMESH_FUZZ_SECONDS" || status=1
fi
# The README's pictures must still be reproducible: run their script into a temporary folder and
# check it made four decodable JPEGs (counted as one test in the summary).
images="$(mktemp -d)"
if FACEMESH_README_NO_BROWSER=1 bash scripts/make-readme-images.sh "$images" >>"$log" 2>&1 &&
   [ "$(for f in "$images"/astronaut-{mesh,lipstick-before,lipstick-after,puppet}.jpg; do
          ffprobe -v error -select_streams v:0 -show_entries stream=codec_name -of csv=p=0 "$f"; done | grep -c mjpeg)" = 4 ]; then
  echo "Passed!  - Failed:     0, Passed:     1, Skipped:     0, Total:     1 - scripts/make-readme-images.sh" | tee -a "$log"
else
  echo "Failed!  - Failed:     1, Passed:     0, Skipped:     0, Total:     1 - scripts/make-readme-images.sh" | tee -a "$log"
  status=1
fi
rm -rf "$images"
set -e
# dotnet test prints one "Passed!/Failed! - Failed: a, Passed: b, Skipped: c" line per project.
awk '/(Passed|Failed)! +- +Failed:/ {
       for (i = 1; i <= NF; i++) { gsub(",", "", $(i+1));
         if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1); if ($i == "Skipped:") s += $(i+1) } }
     END { printf "tests: %d passed, %d failed, %d skipped\n", p, f, s }' "$log"
exit "$status"
