#!/usr/bin/env bash
# Installs the system tools the project needs on a fresh Debian machine: npm (to fetch the
# models at build time), ffmpeg (image and video I/O) and djpeg, with which JPEGs decode to the
# exact pixels MediaPipe's builds see (the default JPEG decoder; without it reading a JPEG fails
# unless --jpeg-decoder ffmpeg is chosen). With --tests, also what only the test suite needs:
# Chromium, which the browser test of `facemesh serve` drives, and a RabbitMQ broker and a
# PostgreSQL server for the queue's integration tests (started by the tests on loopback, never as
# services). Does nothing when all are present.
set -euo pipefail
required=() jpeg=() testing=()
command -v npm >/dev/null 2>&1 || required+=(npm)
command -v ffmpeg >/dev/null 2>&1 || required+=(ffmpeg)
command -v djpeg >/dev/null 2>&1 || jpeg+=(libjpeg-turbo-progs)
if [ "${1:-}" = --tests ]; then
  [ -x /usr/bin/chromium ] || testing+=(chromium)
  [ -x /usr/lib/rabbitmq/bin/rabbitmq-server ] || command -v rabbitmq-server >/dev/null 2>&1 || testing+=(rabbitmq-server)
  ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || command -v initdb >/dev/null 2>&1 || testing+=(postgresql)
fi
missing=("${required[@]}" "${jpeg[@]}" "${testing[@]}")
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" != 0 ]; then
  echo "install-deps: missing ${missing[*]}; install with: sudo apt-get install -y ${missing[*]}" >&2
  # Without djpeg everything but JPEG reading works (and that too with --jpeg-decoder ffmpeg);
  # without chromium, rabbitmq-server or postgresql the tests that need them skip, saying why.
  [ ${#required[@]} -gt 0 ] && exit 3
  exit 0
fi
echo "install-deps: apt-get install ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null
# The servers' packages would start system services on their well-known ports: the tests start
# their own on free ports, so no service is started while installing (policy-rc.d, if none exists).
policy=/usr/sbin/policy-rc.d
if [ ! -e "$policy" ]; then
  printf '#!/bin/sh\nexit 101\n' > "$policy" && chmod +x "$policy"
  trap 'rm -f "$policy"' EXIT
fi
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
