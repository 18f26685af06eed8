# Shared by the infra scripts: where the stack keeps its downloads and state, and
# small helpers. Everything lives outside the clone so reruns reuse the cache.
set -euo pipefail

LUMEN_CACHE="${LUMEN_CACHE:-$HOME/.cache/lumen}"
LUMEN_STATE="${LUMEN_STATE:-$LUMEN_CACHE/state}"
INFRA_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
mkdir -p "$LUMEN_CACHE" "$LUMEN_STATE"

PG_VERSION=15
PG_CLUSTER=main
PG_PORT="${LUMEN_PG_PORT:-5432}"
REDIS_PORT="${LUMEN_REDIS_PORT:-6379}"
OPENSEARCH_PORT="${LUMEN_OPENSEARCH_PORT:-9200}"
ELASTICSEARCH_PORT="${LUMEN_ELASTICSEARCH_PORT:-9201}"
AUTH_EMULATOR_PORT="${LUMEN_AUTH_EMULATOR_PORT:-9099}"
PROMETHEUS_PORT="${LUMEN_PROMETHEUS_PORT:-9090}"
FIREBASE_TOOLS_VERSION=15.34.2

# The search engine(s) infra/up starts: LUMEN_ENGINES=both (make test, so CI) starts
# OpenSearch and Elasticsearch; else LUMEN_SEARCH_ENGINE picks one, Elasticsearch unless
# told otherwise, as Lumen's own settings do.
DEFAULT_SEARCH_ENGINE=elasticsearch
search_engine_scripts() {
  case "${LUMEN_ENGINES:-${LUMEN_SEARCH_ENGINE:-$DEFAULT_SEARCH_ENGINE}}" in
    both) echo opensearch-node elasticsearch-node ;;
    opensearch) echo opensearch-node ;;
    elasticsearch) echo elasticsearch-node ;;
    *) log "unknown search engine: ${LUMEN_ENGINES:-$LUMEN_SEARCH_ENGINE} (elasticsearch, opensearch or both)"; return 1 ;;
  esac
}

log() { printf '[infra] %s\n' "$*" >&2; }

# wait_until SECONDS NAME CMD...: polls CMD until it succeeds; prints the time taken.
wait_until() {
  local limit=$1 name=$2; shift 2
  local start=$SECONDS
  until "$@" >/dev/null 2>&1; do
    if (( SECONDS - start >= limit )); then
      log "$name not ready after ${limit}s"
      return 1
    fi
    sleep 0.5
  done
  log "$name ready in $((SECONDS - start))s"
}

# Waits for dpkg's lock rather than failing when another install is running.
APT=(apt-get -o DPkg::Lock::Timeout=600 -qq)

apt_install() {
  if [ -z "$(find /var/lib/apt/lists -maxdepth 1 -name '*Packages*' -print -quit 2>/dev/null)" ]; then
    "${APT[@]}" update
  fi
  DEBIAN_FRONTEND=noninteractive "${APT[@]}" install -y "$@" >/dev/null \
    || { "${APT[@]}" update && DEBIAN_FRONTEND=noninteractive "${APT[@]}" install -y "$@" >/dev/null; }
}

pid_alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

# stop_pid PIDFILE NAME: TERM, wait up to 30 s, then KILL; removes the pid file.
stop_pid() {
  local pidfile=$1 name=$2 pid
  pid_alive "$pidfile" || { rm -f "$pidfile"; return 0; }
  pid=$(cat "$pidfile")
  kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  if kill -0 "$pid" 2>/dev/null; then
    log "$name did not stop in 30s; killing"
    kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$pidfile"
  log "$name stopped"
}
