#!/usr/bin/env bash
# Real face fixtures come from Debian packages: download them without installing (apt-get
# download + dpkg -x), copy the files tests use into a git-ignored folder and verify sha256.
# MediaPipe's own golden test data (small, Apache-2.0) is committed under
# tests/FaceMesh.Tests/Data/MediaPipe and copied beside them.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${FACEMESH_FIXTURES:-$repo_root/.cache/fixtures}"
mkdir -p "$out"

# file  sha256  debian-package  path-suffix-inside-package
fixtures=(
  "astronaut.png 88431cd9653ccd539741b555fb0a46b61558b301d4110412b5bc28b5e3ea6cb5 python3-skimage /skimage/data/astronaut.png"
  "messi5.jpg 1d570e49654e84c7a943918537bd9e5e1ef82920152e147c834006e235be97c9 opencv-doc /messi5.jpg"
  "Megamind.avi 0057387cb7e75c8fd1663b62cfdc51fa53f527795d0fe3c1fea2fd159d3130b5 opencv-doc /Megamind.avi"
)
# Extra faces for parity tests; appended below by name only when their package is known.
if [ -f "$repo_root/scripts/extra-fixtures.txt" ]; then
  while read -r line; do
    case "$line" in ''|'#'*) continue ;; esac
    fixtures+=("$line")
  done < "$repo_root/scripts/extra-fixtures.txt"
fi

have() { [ -s "$out/$1" ] && [ "$(sha256sum "$out/$1" | cut -d' ' -f1)" = "$2" ]; }

need_pkgs=()
for entry in "${fixtures[@]}"; do
  read -r file sha pkg _ <<<"$entry"
  have "$file" "$sha" || need_pkgs+=("$pkg")
done

if [ ${#need_pkgs[@]} -gt 0 ]; then
  mapfile -t need_pkgs < <(printf '%s\n' "${need_pkgs[@]}" | sort -u)
  work="$out/.debs"
  mkdir -p "$work"
  if ! (cd "$work" && apt-get download "${need_pkgs[@]}" >/dev/null 2>&1); then
    if [ "$(id -u)" = 0 ]; then apt-get update -qq >/dev/null 2>&1 || true; fi
    (cd "$work" && apt-get download "${need_pkgs[@]}") || {
      echo "fetch-fixtures: 'apt-get download ${need_pkgs[*]}' failed" >&2; exit 3; }
  fi
  for pkg in "${need_pkgs[@]}"; do
    deb=$(ls "$work"/"${pkg}"_*.deb | head -n1)
    rm -rf "$work/x-$pkg" && mkdir -p "$work/x-$pkg"
    dpkg -x "$deb" "$work/x-$pkg"
  done
  for entry in "${fixtures[@]}"; do
    read -r file sha pkg suffix <<<"$entry"
    have "$file" "$sha" && continue
    src=$(find "$work/x-$pkg" -path "*$suffix" \( -type f -o -type l \) | head -n1)
    [ -n "$src" ] || { echo "fetch-fixtures: $suffix not found in $pkg" >&2; exit 4; }
    cp -L "$src" "$out/$file"
    have "$file" "$sha" || { echo "fetch-fixtures: sha256 mismatch for $file from $pkg (expected $sha, got $(sha256sum "$out/$file" | cut -d' ' -f1))" >&2; exit 5; }
  done
  rm -rf "$work"
fi

# Every JPEG fixture also gets a lossless NAME.ppm (NAME = file name without .jpg) decoded with
# libjpeg-turbo's djpeg: MediaPipe's oracle (Chromium) decodes JPEGs with libjpeg-turbo and djpeg
# reproduces its pixels bit for bit, while ffmpeg's decoder differs by up to tens of levels. Tests
# feed our pipeline these pixels and check their sha256 against
# tests/FaceMesh.Tests/Data/Oracle/manifest.json before comparing landmarks.
jpegs=()
for entry in "${fixtures[@]}"; do
  read -r file _ <<<"$entry"
  case "$file" in *.jpg|*.jpeg|*.JPG|*.JPEG) jpegs+=("$file") ;; esac
done
if [ ${#jpegs[@]} -gt 0 ]; then
  if ! command -v djpeg >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    apt-get install -y -qq libjpeg-turbo-progs >/dev/null 2>&1 \
      || { apt-get update -qq >/dev/null 2>&1 || true; apt-get install -y -qq libjpeg-turbo-progs >/dev/null 2>&1; } \
      || echo "fetch-fixtures: could not install libjpeg-turbo-progs (djpeg)" >&2
  fi
  if command -v djpeg >/dev/null 2>&1; then
    for file in "${jpegs[@]}"; do
      ppm="$out/${file%.*}.ppm"
      if [ ! -s "$ppm" ] || [ "$out/$file" -nt "$ppm" ]; then
        djpeg -ppm -outfile "$ppm.tmp" "$out/$file" && mv -f "$ppm.tmp" "$ppm"
      fi
    done
  else
    echo "fetch-fixtures: djpeg (libjpeg-turbo-progs) missing: no .ppm for ${jpegs[*]}; tests that need them skip" >&2
  fi
fi

golden="$repo_root/tests/FaceMesh.Tests/Data/MediaPipe"
install -m 644 "$golden/sergey.png" "$golden/expected_detection.pbtxt" "$out/"
echo "fetch-fixtures: fixtures ready in $out" >&2
