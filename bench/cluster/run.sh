#!/usr/bin/env bash
# The failure drill: starts a cluster with deploy/cluster/run.sh (PostgreSQL, Redis, nginx and N app nodes on
# 127.0.0.1), runs bench/cluster/drill.mjs against it (phones through nginx; a node killed, Redis stopped for 10 s,
# PostgreSQL restarted), stops everything.
#   bench/cluster/run.sh --nodes 2 --events 8 --phones 125
# Options of deploy/cluster/run.sh pass through (--nodes, --port, --storage, --no-build); the rest go to drill.mjs
# (--events, --phones, --changes, --workers, --kill NODE, --kill-before-due S, --redis-outage S).
# The last line: nodes=2 phones=1000 delivered=x/y missed=0 duplicated=0 failover_s=.. p99=.. ms redis_outage_recovered=N/N
set -euo pipefail
cd "$(dirname "$0")/../.."
cluster=() drill=()
while [ $# -gt 0 ]; do
  case $1 in
    --nodes|--port|--storage) cluster+=("$1" "$2"); shift 2 ;;
    --no-build) cluster+=("$1"); shift ;;
    *) drill+=("$1"); shift ;;
  esac
done
# The drill creates every event from this one address without a device cookie: lift the creation limits (as bench/load).
export Creation__PerDeviceBurst=100000 Creation__PerNetworkPerHour=100000 Creation__StoredPerDevice=100000 Creation__StoredPerNetwork=100000
export Logging__LogLevel__Default=${Logging__LogLevel__Default:-Warning}
exec deploy/cluster/run.sh "${cluster[@]}" -- node bench/cluster/drill.mjs "${drill[@]}"
