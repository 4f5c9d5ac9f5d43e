#!/usr/bin/env bash
# Installs Debian's chromium for the browser test (test/explore.test.ts) when /usr/bin/chromium is missing.
# Usage: tools/ensure-chromium.sh [--help]. Needs root (or sudo) and apt-get; does nothing when chromium is there.
set -euo pipefail
if [[ "${1:-}" == "--help" || "${1:-}" == "-h" ]]; then
  sed -n '2,3p' "$0" | sed 's/^# //'
  exit 0
fi
CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [[ -x "$CHROMIUM" ]]; then
  exit 0
fi
SUDO=""
if [[ "$(id -u)" != "0" ]]; then SUDO="sudo"; fi
echo "[ensure-chromium] $CHROMIUM missing: installing Debian's chromium with apt-get" >&2
export DEBIAN_FRONTEND=noninteractive
# A lock so that parallel test workers do not run apt-get twice.
exec 9>/tmp/unicom-kg-chromium.lock
flock 9
if [[ -x "$CHROMIUM" ]]; then exit 0; fi
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends chromium fonts-noto-cjk >&2
"$CHROMIUM" --version >&2
