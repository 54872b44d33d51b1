# shellcheck shell=bash
# Shared by run.sh (starts and stops a cluster) and ctl.sh (acts on a running one: the failure drill's hands).
# Everything of one cluster lives in $FM_CLUSTER_DIR; its ports and settings are in $FM_CLUSTER_DIR/cluster.env.
# Sourced, not run.

# PostgreSQL from Debian's packages: the newest installed major version.
pg_bin() {
  local dirs=(/usr/lib/postgresql/*/bin)
  [ -x "${dirs[-1]}/initdb" ] || return 1
  printf '%s\n' "${dirs[@]}" | sort -V | tail -n 1
}

say() { printf 'cluster: %s\n' "$*" >&2; }

port_free() { [ -z "$(ss -Hltn "sport = :$1" 2>/dev/null)" ]; }

# Polls until a command succeeds; false after $1 seconds.
wait_for() {
  local seconds=$1
  shift
  local until=$((SECONDS + seconds))
  until "$@" >/dev/null 2>&1; do
    [ "$SECONDS" -lt "$until" ] || return 1
    sleep 0.2
  done
}

pid_alive() { [ -s "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

# ---- PostgreSQL: initdb and the server run as the postgres user (they refuse root), in a folder that user owns ----

init_postgres() {
  local pg=$FM_CLUSTER_DIR/postgres
  mkdir -p "$pg/socket"
  chown -R postgres: "$pg"
  # Trust on loopback only: this server lives for one run on 127.0.0.1, in a folder nobody else can reach.
  runuser -u postgres -- "$PG_BIN/initdb" -D "$pg/data" -U postgres -E UTF8 --locale=C.UTF-8 --auth=trust >"$pg/initdb.log" 2>&1 \
    || { cat "$pg/initdb.log" >&2; return 1; }
  # In the configuration file, not on pg_ctl's command line, so a restart (the drill's) keeps them. Each node's
  # connection pool is capped in the connection string (run.sh): N nodes x 50, and room for psql.
  cat >>"$pg/data/postgresql.conf" <<EOF
listen_addresses = '127.0.0.1'
port = $FM_CLUSTER_PG_PORT
unix_socket_directories = '$pg/socket'
max_connections = $((50 * FM_CLUSTER_NODE_COUNT + 20))
log_line_prefix = '%m [%p] '
EOF
}

start_postgres() {
  runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$FM_CLUSTER_DIR/postgres/data" -l "$FM_CLUSTER_DIR/postgres/server.log" -w -t 60 start >/dev/null \
    || { tail -n 20 "$FM_CLUSTER_DIR/postgres/server.log" >&2; return 1; }
}

restart_postgres() {
  runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$FM_CLUSTER_DIR/postgres/data" -l "$FM_CLUSTER_DIR/postgres/server.log" -w -t 60 restart -m fast >/dev/null
}

stop_postgres() {
  [ -f "$FM_CLUSTER_DIR/postgres/data/postmaster.pid" ] || return 0
  runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$FM_CLUSTER_DIR/postgres/data" -w -t 30 stop -m fast >/dev/null 2>&1 \
    || runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$FM_CLUSTER_DIR/postgres/data" stop -m immediate >/dev/null 2>&1 || true
}

cluster_psql() {
  psql -X -q -h 127.0.0.1 -p "$FM_CLUSTER_PG_PORT" -U postgres -d flashmentoring "$@"
}

# ---- Redis: no persistence (the backplane buffers nothing; a restart starts empty, as the drill wants) ----

write_redis_conf() {
  mkdir -p "$FM_CLUSTER_DIR/redis"
  cat >"$FM_CLUSTER_DIR/redis/redis.conf" <<EOF
bind 127.0.0.1
port $FM_CLUSTER_REDIS_PORT
daemonize yes
pidfile $FM_CLUSTER_DIR/redis/redis.pid
logfile $FM_CLUSTER_DIR/redis/redis.log
dir $FM_CLUSTER_DIR/redis
save ""
appendonly no
EOF
}

start_redis() {
  redis-server "$FM_CLUSTER_DIR/redis/redis.conf" || return 1
  wait_for 15 redis_answers || { tail -n 20 "$FM_CLUSTER_DIR/redis/redis.log" >&2; return 1; }
}

redis_answers() { [ "$(redis-cli -h 127.0.0.1 -p "$FM_CLUSTER_REDIS_PORT" ping 2>/dev/null)" = PONG ]; }

stop_redis() {
  local pidfile=$FM_CLUSTER_DIR/redis/redis.pid
  pid_alive "$pidfile" || return 0
  local pid
  pid=$(cat "$pidfile")
  redis-cli -h 127.0.0.1 -p "$FM_CLUSTER_REDIS_PORT" shutdown nosave >/dev/null 2>&1 || kill "$pid" 2>/dev/null || true
  wait_for 10 bash -c "! kill -0 $pid 2>/dev/null" || kill -KILL "$pid" 2>/dev/null || true
  rm -f "$pidfile"
}

# ---- App nodes: the Release build, one process each, in its own session so a Ctrl-C reaches run.sh's trap first ----

node_port() {
  local pair
  for pair in $FM_CLUSTER_NODES; do
    [ "${pair%%=*}" = "$1" ] && { echo "${pair#*=}"; return 0; }
  done
  say "no node named $1 (nodes: $FM_CLUSTER_NODES)"
  return 1
}

start_node() {
  local name=$1 port
  port=$(node_port "$name") || return 1
  local pidfile=$FM_CLUSTER_DIR/nodes/$name.pid log=$FM_CLUSTER_DIR/nodes/$name.log
  mkdir -p "$FM_CLUSTER_DIR/nodes"
  if pid_alive "$pidfile"; then
    say "$name is already running (pid $(cat "$pidfile"))"
    return 1
  fi
  # The caller's environment goes along (Logging__*, Creation__* and the like reach every node); these are the cluster's.
  local -a env=(
    ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Production}"
    Storage__Provider="$FM_CLUSTER_STORAGE"
    Live__Redis="127.0.0.1:$FM_CLUSTER_REDIS_PORT"
    Live__Node="$name"
    Hosting__BehindProxy=true
    Hosting__PublicOrigin="$FM_CLUSTER_URL"
  )
  if [ "$FM_CLUSTER_STORAGE" = Postgres ]; then
    # A folder of its own, as each container of compose.yaml has: whatever a node still writes to disk stays in the
    # cluster's folder, and nothing on disk is shared between nodes by accident.
    env+=(ConnectionStrings__Postgres="$FM_CLUSTER_POSTGRES" Storage__DataFolder="$FM_CLUSTER_DIR/nodes/$name-data")
  else
    # Until a node can use PostgreSQL: one SQLite file (and one key folder for device cookies) shared by every node.
    env+=(Storage__DataFolder="$FM_CLUSTER_DIR/data")
  fi
  (
    # From the build's folder, as a published app runs: the content root is where appsettings.json is (from the
    # repository's root it would not be read, and every database command would be logged).
    cd "$(dirname "$FM_CLUSTER_DLL")" || exit 1
    setsid bash -c 'echo $$ >"$0"; exec env "$@"' "$pidfile" "${env[@]}" \
      dotnet "$(basename "$FM_CLUSTER_DLL")" --urls "http://127.0.0.1:$port" >>"$log" 2>&1 </dev/null &
  )
  wait_for 5 test -s "$pidfile"
}

node_ready() { curl -fs -o /dev/null --max-time 2 "http://127.0.0.1:$1/readyz"; }

# Until the node answers /readyz (its store answers too); false when it exits or takes over two minutes.
wait_node() {
  local name=$1 port until=$((SECONDS + 120))
  port=$(node_port "$name") || return 1
  until node_ready "$port"; do
    if [ "$SECONDS" -ge "$until" ]; then
      say "$name does not answer http://127.0.0.1:$port/readyz after two minutes; its log: $FM_CLUSTER_DIR/nodes/$name.log"
      return 1
    fi
    if ! pid_alive "$FM_CLUSTER_DIR/nodes/$name.pid"; then
      say "$name exited; the end of its log ($FM_CLUSTER_DIR/nodes/$name.log):"
      tail -n 30 "$FM_CLUSTER_DIR/nodes/$name.log" >&2
      return 1
    fi
    sleep 0.3
  done
}

# SIGTERM (the app finishes its requests and closes its connections), SIGKILL after 15 s.
stop_node() {
  local pidfile=$FM_CLUSTER_DIR/nodes/$1.pid
  pid_alive "$pidfile" || { rm -f "$pidfile"; return 0; }
  local pid
  pid=$(cat "$pidfile")
  kill -TERM "$pid" 2>/dev/null || true
  wait_for 15 bash -c "! kill -0 $pid 2>/dev/null" || kill -KILL "$pid" 2>/dev/null || true
  rm -f "$pidfile"
}

# ---- nginx ----

nginx_running() { pid_alive "$FM_CLUSTER_DIR/nginx/nginx.pid"; }

stop_nginx() {
  nginx_running || return 0
  local pid
  pid=$(cat "$FM_CLUSTER_DIR/nginx/nginx.pid")
  # TERM, not QUIT: a graceful stop would wait for every open WebSocket to end by itself.
  kill -TERM "$pid" 2>/dev/null || true
  wait_for 10 bash -c "! kill -0 $pid 2>/dev/null" || kill -KILL "$pid" 2>/dev/null || true
}

# The nginx configuration, for this machine (`local`: pid, logs and temporary files in $FM_CLUSTER_DIR/nginx) or for
# compose.yaml (`compose`: the nginx image's own paths). Both get the same routing.
#   nginx_conf local|compose LISTEN SERVER...
nginx_conf() {
  local mode=$1 listen=$2
  shift 2
  local dir=$FM_CLUSTER_DIR/nginx server servers=""
  for server in "$@"; do
    servers+="        server $server max_fails=1 fail_timeout=5s;"$'\n'
  done
  # proxy_set_header in a location replaces every one the server level set: each location gets them all.
  local headers='            proxy_http_version 1.1;
            proxy_set_header Host $http_host;
            # This nginx is the edge: what a client wrote in these headers is replaced, never passed on.
            proxy_set_header X-Forwarded-For $remote_addr;
            proxy_set_header X-Forwarded-Proto $scheme;
            proxy_set_header X-Forwarded-Host $http_host;'

  if [ "$mode" = local ]; then
    cat <<EOF
# Generated by deploy/cluster/run.sh for one run; everything it writes is under $dir.
$( [ "$(id -u)" = 0 ] && echo "user www-data;" )
pid $dir/nginx.pid;
error_log $dir/error.log warn;
EOF
  else
    cat <<'EOF'
# nginx in front of the app nodes of compose.yaml. Generated by `deploy/cluster/run.sh --compose-nginx-conf`
# from the same function as the configuration run.sh uses on one machine: change deploy/cluster/common.sh, not this.
user nginx;
pid /var/run/nginx.pid;
error_log /dev/stderr warn;
EOF
  fi

  cat <<EOF
worker_processes auto;
# Two connections a phone (to it, to its node): a few thousand phones need more than the default 1,024.
worker_rlimit_nofile 65536;
events {
    worker_connections 16384;
}

http {
    log_format routed '\$remote_addr [\$time_local] "\$request" \$status \$body_bytes_sent \$request_time upstream=\$upstream_addr';
EOF
  if [ "$mode" = local ]; then
    cat <<EOF
    access_log $dir/access.log routed;
    client_body_temp_path $dir/tmp/body;
    proxy_temp_path $dir/tmp/proxy;
    fastcgi_temp_path $dir/tmp/fastcgi;
    uwsgi_temp_path $dir/tmp/uwsgi;
    scgi_temp_path $dir/tmp/scgi;
EOF
  else
    echo '    access_log /dev/stdout routed;'
  fi

  cat <<EOF

    map \$http_upgrade \$connection_upgrade {
        default upgrade;
        ''      '';
    }

    # Sticky routing. A SignalR client negotiates over HTTP, then opens its transport with the connection id it was
    # given, and only the node that negotiated knows that id: both requests must reach the same node. ip_hash would
    # pin everyone behind one address (a venue's Wi-Fi, an office's NAT, and on loopback every phone) to a single
    # node. Every browser carries the device cookie the app gives it with the first page (fm-device, see
    # src/FlashMentoring.Web/Hosting/Devices.cs), so the route follows the device, and the address only for a
    # request without one (a page's first load, which needs no stickiness, or a script). "consistent" (ketama):
    # when a node is down only its own devices move, to the next node on the ring; when it is back they return.
    # Any value of the cookie routes (nginx cannot check its signature), so forging one chooses a node, nothing more.
    map \$http_cookie \$fm_route {
        "~(?:^|;)\\s*fm-device=(?<fm_device>[^;]+)" \$fm_device;
        default \$remote_addr;
    }

    upstream flashmentoring {
        # Shared by the workers, so a node found down is down for all of them.
        zone flashmentoring 64k;
        hash \$fm_route consistent;
        # One refused connection marks a node down for 5 s; the request that found it goes on to the next node.
${servers}        keepalive 32;
    }

    server {
        listen $listen;
        # The app refuses rosters over 5 MB with a message a host can act on; let those reach it.
        client_max_body_size 8m;
EOF
  if [ "$mode" = local ]; then
    cat <<'EOF'
        # Which node answered: the drill (bench/cluster) counts each node's phones from the negotiate's answer.
        add_header X-Upstream $upstream_addr always;
EOF
  fi
  cat <<EOF

        location /hubs/ {
            proxy_pass http://flashmentoring;
$headers
            proxy_set_header Upgrade \$http_upgrade;
            proxy_set_header Connection \$connection_upgrade;
            # The hub pings every connection twice a second, so silence means a dead peer; but a long-polling client's
            # request is held by the server for up to 90 s, and Server-Sent Events must not be buffered.
            proxy_read_timeout 120s;
            proxy_send_timeout 120s;
            proxy_buffering off;
        }

        location / {
            proxy_pass http://flashmentoring;
$headers
            proxy_set_header Connection "";
        }
    }
}
EOF
}

write_nginx_conf() {
  local dir=$FM_CLUSTER_DIR/nginx pair servers=()
  mkdir -p "$dir/tmp"
  for pair in $FM_CLUSTER_NODES; do servers+=("127.0.0.1:${pair#*=}"); done
  nginx_conf local "127.0.0.1:$FM_CLUSTER_PORT" "${servers[@]}" | cat -s >"$dir/nginx.conf"
  # The workers (www-data) write request bodies and buffered answers there.
  [ "$(id -u)" = 0 ] && chown -R www-data: "$dir/tmp"
  return 0
}

start_nginx() {
  local dir=$FM_CLUSTER_DIR/nginx
  nginx -q -t -p "$dir" -c "$dir/nginx.conf" -e "$dir/error.log" || return 1
  nginx -p "$dir" -c "$dir/nginx.conf" -e "$dir/error.log" || return 1
  wait_for 10 nginx_running
}
