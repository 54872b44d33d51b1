#!/usr/bin/env bash
# Acts on a cluster that deploy/cluster/run.sh started: what an operator does by hand, and what the failure drill
# (bench/cluster) does to it. Needs FM_CLUSTER_DIR (run.sh gives it to its COMMAND; from another terminal, export
# the folder run.sh printed).
#
#   ctl.sh kill NODE          SIGKILL, as a crash would (nothing is closed cleanly)
#   ctl.sh stop NODE          SIGTERM, as a deployment would
#   ctl.sh start NODE         starts it again and waits until it answers /readyz
#   ctl.sh pid NODE           its process id
#   ctl.sh redis-stop | redis-start
#   ctl.sh postgres-restart   pg_ctl restart -m fast (open connections are cut)
#   ctl.sh psql [ARGS...]     psql on the cluster's database
#   ctl.sh sql QUERY          one query on the cluster's store (PostgreSQL, or the shared SQLite file), rows as a|b
#   ctl.sh status
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=deploy/cluster/common.sh
source "$here/common.sh"
: "${FM_CLUSTER_DIR:?set FM_CLUSTER_DIR to the folder deploy/cluster/run.sh printed}"
# shellcheck disable=SC1091
source "$FM_CLUSTER_DIR/cluster.env"

action=${1:-status}
case $action in
  kill)
    pidfile=$FM_CLUSTER_DIR/nodes/${2:?which node}.pid
    pid_alive "$pidfile" || { say "$2 is not running"; exit 1; }
    kill -KILL "$(cat "$pidfile")"
    rm -f "$pidfile" ;;
  stop) stop_node "${2:?which node}" ;;
  start) start_node "${2:?which node}" && wait_node "$2" ;;
  pid) pid_alive "$FM_CLUSTER_DIR/nodes/${2:?which node}.pid" && cat "$FM_CLUSTER_DIR/nodes/$2.pid" ;;
  redis-stop) stop_redis ;;
  redis-start) start_redis ;;
  postgres-restart) restart_postgres ;;
  psql) shift; cluster_psql "$@" ;;
  sql)
    if [ "$FM_CLUSTER_STORAGE" = Postgres ]; then
      cluster_psql -At -c "${2:?which query}"
    else
      sqlite3 -readonly "$FM_CLUSTER_DIR/data/flashmentoring.db" "${2:?which query}"
    fi ;;
  status)
    echo "nginx $FM_CLUSTER_URL: $(nginx_running && echo running || echo stopped)"
    for pair in $FM_CLUSTER_NODES; do
      name=${pair%%=*}
      echo "$name 127.0.0.1:${pair#*=}: $(pid_alive "$FM_CLUSTER_DIR/nodes/$name.pid" && echo "running, pid $(cat "$FM_CLUSTER_DIR/nodes/$name.pid")" || echo stopped)"
    done
    echo "redis 127.0.0.1:$FM_CLUSTER_REDIS_PORT: $(redis_answers && echo running || echo stopped)"
    echo "postgres 127.0.0.1:$FM_CLUSTER_PG_PORT: $(pg_isready -q -h 127.0.0.1 -p "$FM_CLUSTER_PG_PORT" && echo running || echo stopped)" ;;
  *) echo "ctl.sh: unknown action $action (see the top of $0)" >&2; exit 2 ;;
esac
