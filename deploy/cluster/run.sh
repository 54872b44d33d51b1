#!/usr/bin/env bash
# Several app nodes behind nginx on this machine, on one PostgreSQL and one Redis (the SignalR backplane), all from
# Debian's packages, all on 127.0.0.1, each in a temporary folder and on its own port; everything is stopped and the
# folder removed when the script ends. For a real deployment see compose.yaml and docs/scale.md.
#
#   deploy/cluster/run.sh --nodes 2                       # until Ctrl-C: open the address it prints
#   deploy/cluster/run.sh --nodes 2 -- COMMAND [ARGS...]  # runs COMMAND against the cluster, then stops it
#
# Options: --nodes N (2), --port P (5380: nginx; the nodes take P+1..P+N, Redis P+50, PostgreSQL P+51),
# --storage Postgres|Sqlite (Postgres; Sqlite shares one file between the nodes, for trying nginx without PostgreSQL),
# --no-build (use the Release build already there). --compose-nginx-conf prints compose.yaml's nginx.conf and exits.
#
# COMMAND gets, in its environment: FM_CLUSTER_URL (nginx), FM_CLUSTER_NODES ("node1=PORT node2=PORT"),
# FM_CLUSTER_POSTGRES (the connection string), FM_CLUSTER_REDIS_PORT, FM_CLUSTER_PG_PORT, FM_CLUSTER_DIR, and
# FM_CLUSTER_CTL: `$FM_CLUSTER_CTL kill node1` and the like (see ctl.sh). The script exits with COMMAND's status.
# Run as root (PostgreSQL's server runs as the postgres user, which only root can switch to).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
# shellcheck source=deploy/cluster/common.sh
source "$here/common.sh"

nodes=2 port=5380 storage=Postgres build=1 command=()
while [ $# -gt 0 ]; do
  case $1 in
    --nodes) nodes=$2; shift 2 ;;
    --port) port=$2; shift 2 ;;
    --storage) storage=$2; shift 2 ;;
    --no-build) build=0; shift ;;
    --compose-nginx-conf) FM_CLUSTER_DIR=/unused nginx_conf compose 80 app1:8080 app2:8080 | cat -s; exit 0 ;;
    --) shift; command=("$@"); break ;;
    -h|--help) sed -n '2,18p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "run.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done
[[ $nodes =~ ^[1-9][0-9]?$ ]] || { echo "run.sh: --nodes takes 1 to 40, got $nodes" >&2; exit 2; }
[[ $storage =~ ^(Postgres|Sqlite)$ ]] || { echo "run.sh: --storage takes Postgres or Sqlite, got $storage" >&2; exit 2; }
[ "$(id -u)" = 0 ] || { echo "run.sh: run as root: PostgreSQL's server must run as the postgres user" >&2; exit 2; }

# ---- Debian's packages, installed when missing (their services are not used: ours run on our own ports) ----
need=()
command -v nginx >/dev/null 2>&1 || need+=(nginx)
command -v redis-server >/dev/null 2>&1 || need+=(redis-server)
command -v psql >/dev/null 2>&1 && pg_bin >/dev/null 2>&1 || need+=(postgresql)
command -v curl >/dev/null 2>&1 || need+=(curl)
if [ ${#need[@]} -gt 0 ]; then
  say "installing ${need[*]} (Debian packages)"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
PG_BIN=$(pg_bin)

# ---- ports and the folder ----
nodes_list=""
for k in $(seq 1 "$nodes"); do nodes_list+="node$k=$((port + k)) "; done
for p in "$port" $(seq $((port + 1)) $((port + nodes))) $((port + 50)) $((port + 51)); do
  port_free "$p" || { echo "run.sh: port $p is taken on this machine; choose other ports with --port" >&2; exit 2; }
done

FM_CLUSTER_DIR=$(mktemp -d /tmp/flashmentoring-cluster.XXXXXX)
# The postgres user must reach its data folder inside.
chmod 755 "$FM_CLUSTER_DIR"
export FM_CLUSTER_DIR FM_CLUSTER_REPO=$repo FM_CLUSTER_DLL=$repo/src/FlashMentoring.Web/bin/Release/net10.0/FlashMentoring.Web.dll
export FM_CLUSTER_URL=http://127.0.0.1:$port FM_CLUSTER_PORT=$port FM_CLUSTER_NODES=${nodes_list% } FM_CLUSTER_NODE_COUNT=$nodes
export FM_CLUSTER_REDIS_PORT=$((port + 50)) FM_CLUSTER_PG_PORT=$((port + 51)) FM_CLUSTER_STORAGE=$storage
# 50 connections a node at most, so N nodes fit under the server's max_connections (common.sh, init_postgres).
export FM_CLUSTER_POSTGRES="Host=127.0.0.1;Port=$FM_CLUSTER_PG_PORT;Database=flashmentoring;Username=postgres;Maximum Pool Size=50"
export FM_CLUSTER_CTL=$here/ctl.sh PG_BIN
env | grep -E '^(FM_CLUSTER_|PG_BIN=)' | sed 's/^/export /; s/=\(.*\)$/="\1"/' >"$FM_CLUSTER_DIR/cluster.env"

stopped=0
stop_all() {
  [ "$stopped" = 1 ] && return
  stopped=1
  say "stopping"
  stop_nginx || true
  local pair
  for pair in $FM_CLUSTER_NODES; do stop_node "${pair%%=*}" & done
  wait
  stop_redis || true
  stop_postgres || true
  rm -rf "$FM_CLUSTER_DIR"
}
on_exit() {
  local status=$?
  trap - EXIT INT TERM
  stop_all
  exit "$status"
}
trap on_exit EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# ---- the app, built once; started later, once the store and the backplane answer ----
if [ "$build" = 1 ]; then
  say "building the app (Release)"
  (cd "$repo" && dotnet build -c Release src/FlashMentoring.Web -v quiet -nologo >"$FM_CLUSTER_DIR/build.log" 2>&1) \
    || { tail -n 30 "$FM_CLUSTER_DIR/build.log" >&2; exit 1; }
fi
[ -f "$FM_CLUSTER_DLL" ] || { echo "run.sh: no Release build at $FM_CLUSTER_DLL (drop --no-build)" >&2; exit 1; }

if [ "$storage" = Postgres ]; then
  say "PostgreSQL on 127.0.0.1:$FM_CLUSTER_PG_PORT ($PG_BIN)"
  init_postgres
  start_postgres
  runuser -u postgres -- "$PG_BIN/createdb" -h 127.0.0.1 -p "$FM_CLUSTER_PG_PORT" -U postgres flashmentoring
fi

say "Redis on 127.0.0.1:$FM_CLUSTER_REDIS_PORT"
write_redis_conf
start_redis

# The first node creates or upgrades the schema alone; the others start once it is ready.
first=${FM_CLUSTER_NODES%% *}
first=${first%%=*}
say "$first on 127.0.0.1:$(node_port "$first") ($storage)"
start_node "$first"
wait_node "$first"
for pair in $FM_CLUSTER_NODES; do
  name=${pair%%=*}
  [ "$name" = "$first" ] && continue
  say "$name on 127.0.0.1:${pair#*=}"
  start_node "$name"
done
for pair in $FM_CLUSTER_NODES; do wait_node "${pair%%=*}"; done

say "nginx on $FM_CLUSTER_URL"
write_nginx_conf
start_nginx
wait_for 30 curl -fs -o /dev/null --max-time 2 "$FM_CLUSTER_URL/readyz" \
  || { echo "run.sh: nginx does not answer $FM_CLUSTER_URL/readyz; its log:" >&2; tail -n 20 "$FM_CLUSTER_DIR/nginx/error.log" >&2; exit 1; }
say "ready: $FM_CLUSTER_URL (nodes: $FM_CLUSTER_NODES; logs in $FM_CLUSTER_DIR)"

if [ ${#command[@]} -gt 0 ]; then
  set +e
  "${command[@]}"
  status=$?
  set -e
  exit "$status"
fi

echo "FlashMentoring on $FM_CLUSTER_URL ($nodes nodes). Ctrl-C stops everything."
while true; do
  sleep 5 &
  wait $! || true
  for pair in $FM_CLUSTER_NODES; do
    name=${pair%%=*}
    # A node that died is said once; nothing restarts it (ctl.sh start NAME does, from another terminal).
    if [ -f "$FM_CLUSTER_DIR/nodes/$name.pid" ] && ! pid_alive "$FM_CLUSTER_DIR/nodes/$name.pid"; then
      say "$name has stopped; the end of its log:"
      tail -n 5 "$FM_CLUSTER_DIR/nodes/$name.log" >&2
      rm -f "$FM_CLUSTER_DIR/nodes/$name.pid"
    fi
  done
done
