#!/usr/bin/env bash
# Regenerates the pictures the README shows (committed under docs/images/): the astronaut's
# mesh, a lipstick before/after of the lower face, the puppet driven by her face, and the `serve`
# demo page in Chromium. Uses ./facemesh and the browser test, so the pictures show what the
# current code draws. Small JPEGs, so the README reads well on a repository or package page.
# Usage: scripts/make-readme-images.sh [OUT_DIR]   (default docs/images). ./test.sh runs it into
# a temporary folder with FACEMESH_README_NO_BROWSER=1 to check that it still works (the browser
# test runs in the suite anyway).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
photo=.cache/fixtures/astronaut.png
[ -f "$photo" ] || bash scripts/fetch-fixtures.sh
out="${1:-docs/images}"
mkdir -p "$out"
out="$(cd "$out" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

./facemesh annotate "$photo" -o "$work/mesh.png"
./facemesh makeup "$photo" --lipstick "#b0203c" --opacity 0.8 -o "$work/lipstick.png"
# The canonical face retargeted to her expression and head pose, beside the photo.
./facemesh puppet "$photo" --side-by-side -o "$work/puppet.png"

jpeg() { ffmpeg -hide_banner -nostdin -v error -y -i "$1" -vf "$2" -q:v 3 "$3"; }
jpeg "$work/mesh.png" "scale=384:-2:flags=lanczos" "$out/astronaut-mesh.jpg"
# The lips are ~50 px wide in the 512x512 photo: show the lower face at twice the size, the same
# crop before and after.
zoom="crop=160:120:150:70,scale=320:240:flags=lanczos"
jpeg "$photo" "$zoom" "$out/astronaut-lipstick-before.jpg"
jpeg "$work/lipstick.png" "$zoom" "$out/astronaut-lipstick-after.jpg"
jpeg "$work/puppet.png" "scale=512:-2:flags=lanczos" "$out/astronaut-puppet.jpg"
echo "wrote $out/astronaut-mesh.jpg, astronaut-lipstick-before.jpg, astronaut-lipstick-after.jpg, astronaut-puppet.jpg" >&2

[ -n "${FACEMESH_README_NO_BROWSER:-}" ] && exit 0
# The demo page as a user sees it: the browser test (headless Chromium, a fake webcam playing
# Megamind.avi) saves its screenshots where FACEMESH_SCREENSHOT_DIR points.
bash scripts/install-deps.sh --tests
FACEMESH_SCREENSHOT_DIR="$work" dotnet test tests/FaceMesh.Web.Tests -c Release -nologo \
  --filter "FullyQualifiedName~BrowserTests" >&2
jpeg "$work/serve-webcam.png" "scale=960:-2:flags=lanczos" "$out/serve-webcam.jpg"
echo "wrote $out/serve-webcam.jpg" >&2
