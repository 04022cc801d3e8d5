#!/usr/bin/env bash
# Regenerates the pictures the README links to, in docs/images/ (git-ignored, never committed):
# the astronaut's mesh, a lipstick before/after of the lower face, the puppet driven by her face,
# and the `serve` demo page in Chromium. Uses ./facemesh and the browser test, so the pictures
# always show what the code draws.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
photo=.cache/fixtures/astronaut.png
[ -f "$photo" ] || bash scripts/fetch-fixtures.sh
out=docs/images
mkdir -p "$out"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

./facemesh annotate "$photo" -o "$out/astronaut-mesh.png"
./facemesh makeup "$photo" --lipstick "#b0203c" --opacity 0.8 -o "$work/lipstick.png"

# The lips are ~50 px wide in the 512x512 photo: show the lower face at twice the size, the same
# crop before and after.
zoom="crop=160:120:150:70,scale=320:240:flags=lanczos"
ffmpeg -hide_banner -nostdin -v error -y -i "$photo" -vf "$zoom" "$out/astronaut-lipstick-before.png"
ffmpeg -hide_banner -nostdin -v error -y -i "$work/lipstick.png" -vf "$zoom" "$out/astronaut-lipstick-after.png"

# The canonical face retargeted to her expression and head pose, beside the photo, at half size.
./facemesh puppet "$photo" --side-by-side -o "$work/puppet.png"
ffmpeg -hide_banner -nostdin -v error -y -i "$work/puppet.png" -vf "scale=512:256:flags=lanczos" "$out/astronaut-puppet.png"
echo "wrote $out/astronaut-mesh.png, $out/astronaut-lipstick-before.png, $out/astronaut-lipstick-after.png, $out/astronaut-puppet.png" >&2

# The demo page as a user sees it: the browser test (headless Chromium, a fake webcam playing
# Megamind.avi) saves its screenshots where FACEMESH_SCREENSHOT_DIR points.
bash scripts/install-deps.sh --tests
FACEMESH_SCREENSHOT_DIR="$root/$out" dotnet test tests/FaceMesh.Web.Tests -c Release -nologo \
  --filter "FullyQualifiedName~BrowserTests" >&2
echo "wrote $out/serve-webcam.png, $out/serve-photo.png" >&2
