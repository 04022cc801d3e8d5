#!/usr/bin/env bash
# Coverage-guided fuzzing of the parsers that read untrusted bytes: scripts/fuzz.sh TARGET SECONDS
# TARGET: tflite | flexbuffers | image-header | pnm | png | all.  Builds fuzz/FaceMesh.Fuzz, instruments
# FaceMesh.Runtime and FaceMesh.Media with SharpFuzz, runs AFL++ for SECONDS per target from the
# seeds in fuzz/corpus/TARGET, and fails if AFL++ found a crash (an exception outside the parser's
# contract) or a hang. Findings stay in .cache/fuzz/findings/TARGET; replay one with
#   dotnet .cache/fuzz/build/FaceMesh.Fuzz.dll TARGET FILE
# then fix it with a regression test and add the file to fuzz/corpus/TARGET.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
target="${1:?usage: scripts/fuzz.sh TARGET|all SECONDS}"
seconds="${2:-60}"
targets=(tflite flexbuffers image-header pnm png)
[ "$target" = all ] || targets=("$target")

if ! command -v afl-fuzz >/dev/null 2>&1; then
  if [ "$(id -u)" != 0 ]; then echo "fuzz: afl-fuzz missing; sudo apt-get install -y afl++" >&2; exit 3; fi
  echo "fuzz: apt-get install afl++" >&2
  DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends afl++ >/dev/null
fi
tools="$root/.cache/tools"
if [ ! -x "$tools/sharpfuzz" ]; then
  dotnet tool install SharpFuzz.CommandLine --version 2.3.0 --tool-path "$tools" >/dev/null
fi

# A fresh output each time: SharpFuzz refuses to instrument an assembly twice.
build="$root/.cache/fuzz/build"
rm -rf "$build"
dotnet build "$root/fuzz/FaceMesh.Fuzz/FaceMesh.Fuzz.csproj" -c Release -o "$build" -nologo -v quiet >/dev/null
for assembly in FaceMesh.Runtime FaceMesh.Media; do "$tools/sharpfuzz" "$build/$assembly.dll" >/dev/null; done

status=0
for t in "${targets[@]}"; do
  [ -d "$root/fuzz/corpus/$t" ] || { echo "fuzz: unknown target $t" >&2; exit 2; }
  seeds="$(mktemp -d)"
  cp "$root/fuzz/corpus/$t"/* "$seeds/"
  # A real model as an extra seed when the models were fetched (not committed: too big to carry).
  if [ "$t" = tflite ] && [ -f "$root/.cache/models/face_detection_short_range.tflite" ]; then
    cp "$root/.cache/models/face_detection_short_range.tflite" "$seeds/"
  fi
  findings="$root/.cache/fuzz/findings/$t"
  rm -rf "$findings"
  mkdir -p "$findings"
  AFL_SKIP_BIN_CHECK=1 AFL_NO_UI=1 AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 \
  AFL_NO_AFFINITY=1 AFL_QUIET=1 \
    timeout --kill-after=10 $((seconds + 120)) \
    afl-fuzz -V "$seconds" -t 5000 -m none -i "$seeds" -o "$findings" -- dotnet "$build/FaceMesh.Fuzz.dll" "$t" \
    > "$findings/afl.log" 2>&1 || true
  rm -rf "$seeds"
  stats="$findings/default/fuzzer_stats"
  if [ ! -f "$stats" ]; then
    echo "fuzz: $t: afl-fuzz did not start; see $findings/afl.log" >&2
    tail -5 "$findings/afl.log" >&2
    status=1
    continue
  fi
  execs=$(awk -F': *' '/^execs_done/ {print $2}' "$stats")
  paths=$(awk -F': *' '/^corpus_count/ {print $2}' "$stats")
  crashes=$(find "$findings/default/crashes" -type f -name 'id:*' | wc -l)
  hangs=$(find "$findings/default/hangs" -type f -name 'id:*' | wc -l)
  echo "fuzz: $t: ${seconds}s, $execs executions, $paths inputs in the queue, $crashes crashes, $hangs hangs"
  if [ "$crashes" -gt 0 ] || [ "$hangs" -gt 0 ]; then
    find "$findings/default/crashes" "$findings/default/hangs" -type f -name 'id:*' | head -5 >&2
    status=1
  fi
done
exit "$status"
