#!/usr/bin/env bash
# Installs the system tools the project needs on a fresh Debian machine: npm (to fetch the
# models at build time) and ffmpeg (image and video I/O), plus djpeg, with which JPEGs decode to
# the exact pixels MediaPipe's builds see (without it ffmpeg decodes them, slightly differently).
# With --tests, also Chromium, which the browser test of `facemesh serve` drives.
# Does nothing when they are present.
set -euo pipefail
required=() optional=()
command -v npm >/dev/null 2>&1 || required+=(npm)
command -v ffmpeg >/dev/null 2>&1 || required+=(ffmpeg)
command -v djpeg >/dev/null 2>&1 || optional+=(libjpeg-turbo-progs)
if [ "${1:-}" = --tests ] && [ ! -x /usr/bin/chromium ]; then optional+=(chromium); fi
missing=("${required[@]}" "${optional[@]}")
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" != 0 ]; then
  if [ ${#required[@]} -gt 0 ]; then
    echo "install-deps: missing ${required[*]}; install with: sudo apt-get install -y ${missing[*]}" >&2
    exit 3
  fi
  echo "install-deps: ${optional[*]} not found (sudo apt-get install -y ${optional[*]}): without djpeg, JPEGs are decoded by ffmpeg, which differs slightly from MediaPipe's decoder; without chromium, the browser test is skipped" >&2
  exit 0
fi
echo "install-deps: apt-get install ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
