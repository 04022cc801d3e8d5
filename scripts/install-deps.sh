#!/usr/bin/env bash
# Installs the system tools the project needs on a fresh Debian machine: npm (to fetch the
# models at build time) and ffmpeg (image and video I/O), plus djpeg, with which JPEGs decode to
# the exact pixels MediaPipe's builds see (without it ffmpeg decodes them, slightly differently).
# The queue's integration tests need a RabbitMQ broker and a PostgreSQL server (started by the
# tests on loopback, never as services). Does nothing when they are present.
set -euo pipefail
required=() optional=()
command -v npm >/dev/null 2>&1 || required+=(npm)
command -v ffmpeg >/dev/null 2>&1 || required+=(ffmpeg)
command -v djpeg >/dev/null 2>&1 || optional+=(libjpeg-turbo-progs)
[ -x /usr/lib/rabbitmq/bin/rabbitmq-server ] || command -v rabbitmq-server >/dev/null 2>&1 || optional+=(rabbitmq-server)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || command -v initdb >/dev/null 2>&1 || optional+=(postgresql)
missing=("${required[@]}" "${optional[@]}")
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" != 0 ]; then
  if [ ${#required[@]} -gt 0 ]; then
    echo "install-deps: missing ${required[*]}; install with: sudo apt-get install -y ${missing[*]}" >&2
    exit 3
  fi
  echo "install-deps: optional ${optional[*]} not installed: JPEGs decode by ffmpeg without djpeg (slightly unlike MediaPipe); the queue tests skip without rabbitmq-server/postgresql" >&2
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
