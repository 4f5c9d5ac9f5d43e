#!/bin/bash
# Entry point of the local Neo4j image (see the Dockerfile beside it): writes conf/neo4j.conf from the
# environment the way the official image does, sets the initial password from NEO4J_AUTH, then runs the
# Neo4j server in the foreground (console mode: its log goes to stdout, "Started." included).
set -euo pipefail

if [[ "${1:-neo4j}" != "neo4j" ]]; then exec "$@"; fi

home=/var/lib/neo4j
conf="$home/conf/neo4j.conf"
export NEO4J_HOME="$home" NEO4J_CONF="$home/conf"

{
  echo "# Written by /startup/docker-entrypoint.sh at container start."
  echo "server.directories.data=/data"
  echo "server.directories.logs=/logs"
  echo "server.default_listen_address=0.0.0.0"
  echo "server.bolt.listen_address=:7687"
  echo "server.http.listen_address=:7474"
  # Official image convention: NEO4J_server_memory_heap_max__size=1g -> server.memory.heap.max_size=1g.
  while IFS='=' read -r name value; do
    case "$name" in
      NEO4J_AUTH | NEO4J_HOME | NEO4J_CONF | NEO4J_ACCEPT_LICENSE_AGREEMENT | NEO4J_PLUGINS | NEO4J_DEBUG | NEO4J_EDITION) continue ;;
      NEO4J_*) ;;
      *) continue ;;
    esac
    setting=$(sed 's/__/@@/g; s/_/./g; s/@@/_/g' <<<"${name#NEO4J_}")
    echo "$setting=$value"
  done < <(env | grep '^NEO4J_' | sort)
} >"$conf"

auth="${NEO4J_AUTH:-}"
if [[ "$auth" == "none" ]]; then
  echo "dbms.security.auth_enabled=false" >>"$conf"
elif [[ -n "$auth" ]]; then
  user="${auth%%/*}"
  password="${auth#*/}"
  if [[ "$user" != "neo4j" || "$password" == "$auth" ]]; then
    echo "docker-entrypoint: NEO4J_AUTH must be 'none' or 'neo4j/<password>' (the user name must be neo4j); got user '$user'." >&2
    exit 1
  fi
  if [[ ! -e /data/dbms/auth.ini ]]; then
    # Takes effect only before the first start; a kept /data volume keeps its password (as officially).
    java -cp "$home/lib/*" org.neo4j.cli.AdminTool dbms set-initial-password "$password" >/dev/null
  fi
fi

# The bootloader that normally turns the memory settings into JVM flags is not used here.
heap=$(sed -n 's/^server\.memory\.heap\.max_size=//p' "$conf" | tail -n1)
exec java "-Xmx${heap:-512m}" -XX:+UseG1GC -XX:+ExitOnOutOfMemoryError \
  --add-opens=java.base/java.nio=ALL-UNNAMED --add-opens=java.base/sun.nio.ch=ALL-UNNAMED \
  --add-opens=java.base/java.io=ALL-UNNAMED --enable-native-access=ALL-UNNAMED \
  -Dio.netty.tryReflectionSetAccessible=true \
  -cp "$home/lib/*" org.neo4j.server.CommunityEntryPoint --home-dir="$home" --config-dir="$home/conf" --console-mode
