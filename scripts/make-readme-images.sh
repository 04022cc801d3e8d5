#!/usr/bin/env bash
# Regenerates the pictures the README shows (committed under docs/images/): the astronaut's
# mesh, and a lipstick before/after of the lower face. Uses ./facemesh, so the pictures show
# what the current code draws. Small JPEGs, so the README reads well on a repository or package
# page. Usage: scripts/make-readme-images.sh [OUT_DIR]   (default docs/images; ./test.sh runs
# it into a temporary folder to check that it still works).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
photo=.cache/fixtures/astronaut.png
[ -f "$photo" ] || bash scripts/fetch-fixtures.sh
out="${1:-docs/images}"
mkdir -p "$out"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

./facemesh annotate "$photo" -o "$work/mesh.png"
./facemesh makeup "$photo" --lipstick "#b0203c" --opacity 0.8 -o "$work/lipstick.png"

jpeg() { ffmpeg -hide_banner -nostdin -v error -y -i "$1" -vf "$2" -q:v 3 "$3"; }
jpeg "$work/mesh.png" "scale=384:-2:flags=lanczos" "$out/astronaut-mesh.jpg"
# The lips are ~50 px wide in the 512x512 photo: show the lower face at twice the size, the same
# crop before and after.
zoom="crop=160:120:150:70,scale=320:240:flags=lanczos"
jpeg "$photo" "$zoom" "$out/astronaut-lipstick-before.jpg"
jpeg "$work/lipstick.png" "$zoom" "$out/astronaut-lipstick-after.jpg"
echo "wrote $out/astronaut-mesh.jpg, $out/astronaut-lipstick-before.jpg, $out/astronaut-lipstick-after.jpg" >&2
