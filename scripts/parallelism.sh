#!/usr/bin/env bash
# Is a 2x (or the issue's 1.7x) speed-up from a second worker physically there on this machine?
# Runs the same CPU-bound job alone, then N copies at once as independent processes (nothing
# shared, no locks, no GC), and prints N x (time alone) / (time of N at once): the most any
# N-worker pipeline can gain here. Cloud vCPUs are often hyperthreads of one physical core,
# which the guest cannot see (lscpu then says 1 thread per core): two of them share one core's
# execution units, and SIMD-heavy work (inference, x264) gains far less than 2x.
#   scripts/parallelism.sh [N]       (default N = number of cores)
# Probes: x264 encoding on one thread (SIMD integer, like our encoder), and a scalar integer
# loop (awk). Quiet machine only: other load makes every number smaller.
set -euo pipefail
n="${1:-$(nproc)}"
calc() { awk "BEGIN { print ($1) }"; }
wall() { local s e; s=$(date +%s.%N); "$@"; e=$(date +%s.%N); calc "$e - $s"; }
x264() { ffmpeg -hide_banner -nostdin -v error -threads 1 -f lavfi -i testsrc2=size=1280x720:rate=30 -frames:v 100 \
  -c:v libx264 -preset veryfast -threads 1 -f null - ; }
scalar() { awk 'BEGIN { s = 0; for (i = 0; i < 10000000; i++) s = (s * 31 + i) % 1000003; print s > "/dev/null" }'; }
together() { local job="$1" pids=(); for _ in $(seq "$n"); do "$job" & pids+=($!); done; wait "${pids[@]}"; }

echo "parallelism.sh: $(nproc) cores ($(lscpu | awk -F: '/Thread\(s\) per core/ { gsub(/ /, "", $2); print $2 }') thread(s) per core as the guest sees it), load average $(cut -d' ' -f1-3 /proc/loadavg) at start"
for job in x264 scalar; do
  alone=$(wall "$job")
  many=$(wall together "$job")
  printf '%-8s alone %6.2f s, %d at once %6.2f s: %d workers can gain at most %.2fx\n' "$job" "$alone" "$n" "$many" "$n" "$(calc "$n * $alone / $many")"
done
echo "load average $(cut -d' ' -f1-3 /proc/loadavg) at the end"
