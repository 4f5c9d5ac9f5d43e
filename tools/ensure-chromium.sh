#!/usr/bin/env bash
# Installs Debian's chromium and fonts-noto-cjk for the browser tests (test/explore.test.ts, test/graphiql.test.ts) when missing.
# Usage: tools/ensure-chromium.sh [--help]. Needs root (or sudo) and apt-get; does nothing when both are there.
set -euo pipefail
if [[ "${1:-}" == "--help" || "${1:-}" == "-h" ]]; then
  sed -n '2,3p' "$0" | sed 's/^# //'
  exit 0
fi
CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"
# Without a CJK font, chromium draws every Chinese character as an empty box ("tofu").
have_cjk() { fc-list : family 2>/dev/null | grep -i 'Noto Sans CJK' >/dev/null; }
if [[ -x "$CHROMIUM" ]] && have_cjk; then
  exit 0
fi
SUDO=""
if [[ "$(id -u)" != "0" ]]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
# A lock so that parallel test workers do not run apt-get twice.
exec 9>/tmp/unicom-kg-chromium.lock
flock 9
if [[ -x "$CHROMIUM" ]] && have_cjk; then exit 0; fi
echo "[ensure-chromium] installing Debian's chromium and fonts-noto-cjk with apt-get" >&2
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends chromium fonts-noto-cjk fontconfig >&2
"$CHROMIUM" --version >&2
