#!/usr/bin/env bash
# The container checks of CI (.ci/run calls it after the README's commands). See --help.
set -uo pipefail

usage() {
  cat <<'EOF'
Usage: tools/docker/ci.sh [COMMAND...] | --help

.ci/run calls it as `tools/docker/ci.sh npm test`, so that the suite runs once, under testcontainers where
this machine can run containers and on the local launcher where it cannot:

1. Makes a Docker engine answer: uses the one running, else installs docker.io (apt-get) and starts dockerd
   in the background (stopped again at the end).
2. Makes `docker compose` (v2) available: ~/.docker/cli-plugins/docker-compose when present, else builds
   it from the Go module proxy (github.com/docker/compose/v2 COMPOSE_VERSION, ~8-12 min on 2 cores; in the
   background while the images build) and keeps it there for the next run.
3. tools/docker/build-images.sh: local Debian, Node 20, Neo4j 5.26 and API images (no image registry needed).
4. COMMAND with TEST_NEO4J=testcontainers and NEO4J_IMAGE=<the local Neo4j image> (so test/global-setup.ts
   starts that image through testcontainers, Ryuk disabled as its image is missing); when step 1 or 3
   cannot be done here, COMMAND runs with TEST_NEO4J=local instead, after the printed reason.
5. tools/docker/compose-check.ts: docker compose up, /ready, GraphQL, export, restart, down -v.
A missing prerequisite of the machine (no apt, no debootstrap, dockerd does not start, Go missing) skips
the checks that need it, with the reason printed. A failure of the project (an image does not build,
compose up fails, a check fails, COMMAND fails) makes the exit code 1.
EOF
}
[[ "${1:-}" == "--help" || "${1:-}" == "-h" ]] && { usage; exit 0; }

cd "$(dirname "$0")/../.."
ROOT="$PWD"
COMPOSE_VERSION="${COMPOSE_VERSION:-v2.40.3}"
PLUGIN="$HOME/.docker/cli-plugins/docker-compose"
export NEO4J_IMAGE="${LOCAL_NEO4J_IMAGE:-unicom-kg/neo4j:5.26-community}"
export API_IMAGE="${API_IMAGE:-unicom-kg/api:local}"
export NODE_IMAGE="${LOCAL_NODE_IMAGE:-unicom-kg/node:20-bookworm-slim}"
# Another engine may be named by the environment (e.g. DOCKER_HOST=unix:///nonexistent to keep tests off
# Docker): these checks are about the local engine.
unset DOCKER_HOST

log() { echo "[docker-ci $(date -u +%H:%M:%S)] $*"; }
skip() { log "SKIP: $*"; }
status=0
fail() {
  log "FAIL: $*"
  status=1
}
started_dockerd=""
compose_pid=""
cleanup() {
  [[ -n "$compose_pid" ]] && kill "$compose_pid" 2>/dev/null
  if [[ -n "$started_dockerd" ]]; then
    log "stopping the dockerd this script started (pid $started_dockerd)"
    kill "$started_dockerd" 2>/dev/null
    for _ in $(seq 30); do kill -0 "$started_dockerd" 2>/dev/null || break; sleep 1; done
  fi
}
trap cleanup EXIT

# 1. A Docker engine.
engine() {
  docker info >/dev/null 2>&1 && { log "Docker engine: $(docker version --format 'server {{.Server.Version}}' 2>/dev/null), already running"; return 0; }
  if ! command -v dockerd >/dev/null || ! command -v debootstrap >/dev/null; then
    if [[ "$(id -u)" != 0 ]] || ! command -v apt-get >/dev/null; then
      skip "no Docker engine, and no root apt-get to install docker.io"
      return 1
    fi
    log "installing docker.io and debootstrap with apt-get"
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq docker.io debootstrap) >/tmp/unicom-kg-docker-apt.log 2>&1 || {
      tail -n 5 /tmp/unicom-kg-docker-apt.log
      skip "apt-get install docker.io failed (log above)"
      return 1
    }
  fi
  log "starting dockerd (overlay2) in the background, log in /tmp/unicom-kg-dockerd.log"
  dockerd --storage-driver=overlay2 >/tmp/unicom-kg-dockerd.log 2>&1 &
  started_dockerd=$!
  for _ in $(seq 60); do
    docker info >/dev/null 2>&1 && { log "Docker engine: $(docker version --format 'server {{.Server.Version}}'), started by this script"; return 0; }
    kill -0 "$started_dockerd" 2>/dev/null || break
    sleep 1
  done
  tail -n 5 /tmp/unicom-kg-dockerd.log
  started_dockerd=""
  skip "dockerd did not start (log above)"
  return 1
}

# 2. docker compose v2, built in the background when missing.
start_compose_build() {
  if docker compose version >/dev/null 2>&1; then
    log "docker compose: $(docker compose version --short 2>/dev/null), present"
    return 0
  fi
  command -v go >/dev/null || { log "docker compose is missing and there is no Go toolchain to build it"; return 1; }
  log "building docker compose $COMPOSE_VERSION from the Go module proxy in the background (log /tmp/unicom-kg-compose-build.log)"
  (
    set -e
    dir=$(go mod download -json "github.com/docker/compose/v2@$COMPOSE_VERSION" | sed -n 's/^\t"Dir": "\(.*\)",$/\1/p')
    mkdir -p "$(dirname "$PLUGIN")"
    cd "$dir"
    # `go install` refuses the module (exclude directives in its go.mod); build in its folder instead.
    go build -trimpath -ldflags "-s -w -X github.com/docker/compose/v2/internal.Version=$COMPOSE_VERSION" -o "$PLUGIN.tmp" ./cmd
    mv "$PLUGIN.tmp" "$PLUGIN"
  ) >/tmp/unicom-kg-compose-build.log 2>&1 &
  compose_pid=$!
}

run_command() { # runs "$@" (the wrapped command) with the given TEST_NEO4J
  local mode="$1" t=$SECONDS rc
  shift
  [[ $# -gt 0 ]] || return 0
  log "running '$*' with TEST_NEO4J=$mode${NEO4J_IMAGE:+ NEO4J_IMAGE=$NEO4J_IMAGE}"
  TEST_NEO4J="$mode" "$@"
  rc=$?
  if [[ $rc == 0 ]]; then log "'$*' passed in $((SECONDS - t)) s (TEST_NEO4J=$mode)"; else fail "'$*' exited $rc (TEST_NEO4J=$mode)"; fi
}

total_start=$SECONDS
if ! engine; then
  unset NEO4J_IMAGE
  run_command local "$@"
  exit $status
fi
start_compose_build || true

# 3. Images.
t=$SECONDS
tools/docker/build-images.sh
rc=$?
if [[ $rc == 3 ]]; then
  skip "the images cannot be built on this machine (reason above): no testcontainers or compose check"
  unset NEO4J_IMAGE
  run_command local "$@"
  exit $status
elif [[ $rc != 0 ]]; then
  fail "tools/docker/build-images.sh exited $rc"
  unset NEO4J_IMAGE
  run_command local "$@"
  exit 1
fi
log "images built in $((SECONDS - t)) s"

# 4. The wrapped command (the test suite) under testcontainers, on the local Neo4j image.
run_command testcontainers "$@"
left=$(docker ps -aq --filter label=org.testcontainers=true)
[[ -z "$left" ]] || fail "testcontainers left containers behind: $left"

# 5. docker compose.
if [[ -n "$compose_pid" ]]; then
  log "waiting for the docker compose build"
  if wait "$compose_pid"; then
    log "docker compose $COMPOSE_VERSION built into $PLUGIN"
  else
    tail -n 10 /tmp/unicom-kg-compose-build.log
  fi
  compose_pid=""
fi
if docker compose version >/dev/null 2>&1; then
  t=$SECONDS
  npx --no-install tsx tools/docker/compose-check.ts
  rc=$?
  if [[ $rc == 3 ]]; then skip "compose check (reason above)"; elif [[ $rc != 0 ]]; then fail "compose check"; fi
  log "compose check took $((SECONDS - t)) s"
else
  skip "docker compose v2 is not available (build log above): no compose check"
fi

log "container checks took $((SECONDS - total_start)) s, $([[ $status == 0 ]] && echo passed || echo FAILED)"
exit $status
