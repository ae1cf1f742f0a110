#!/usr/bin/env bash
# A production-like Porth on this machine, without containers (docs/deploy.md, "make stack"):
# PostgreSQL (the machine's), Redis (the cache and the RQ queue), 3 gunicorn processes behind
# nginx (which also serves static files), and 2 RQ workers, all with config.settings.production.
#
#   config/stack/stack.sh up      # or: make stack
#   config/stack/stack.sh down    # or: make stack-down: stops each process by its recorded ID
#   config/stack/stack.sh status
#
# Settings (environment): STACK_PORT (8080), STACK_WEB_PORTS ("8101 8102 8103"),
# STACK_WEB_WORKERS (gunicorn workers per process, 2), STACK_DATABASE_URL
# (postgres://postgres@127.0.0.1:5432/porth_stack), STACK_REDIS_URL (redis://127.0.0.1:6379/3),
# STACK_RUN_DIR (var/stack: process IDs and logs), STACK_SETTINGS (config.settings.production;
# the load test adds a bare view with bench.stack_settings), STACK_SEED (yes: load the demo
# once into a database that has none; no: leave the database's data as it is),
# STACK_WORKER_NICE (10: how far the RQ workers give way to the web processes).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
RUN="${STACK_RUN_DIR:-$ROOT/var/stack}"
BIN="$ROOT/.venv/bin"
PORT="${STACK_PORT:-8080}"
read -r -a WEB_PORTS <<< "${STACK_WEB_PORTS:-8101 8102 8103}"
WEB_WORKERS="${STACK_WEB_WORKERS:-2}"
DATABASE="${STACK_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/porth_stack}"
REDIS="${STACK_REDIS_URL:-redis://127.0.0.1:6379/3}"
SEED="${STACK_SEED:-yes}"
WORKER_NICE="${STACK_WORKER_NICE:-10}"

say() { printf 'stack: %s\n' "$*"; }

settings() {
    mkdir -p "$RUN"
    [ -s "$RUN/secret-key" ] || "$BIN/python" -c 'import secrets; print(secrets.token_urlsafe(64))' > "$RUN/secret-key"
    [ -s "$RUN/metrics-token" ] || "$BIN/python" -c 'import secrets; print(secrets.token_urlsafe(24))' > "$RUN/metrics-token"
    export DJANGO_SETTINGS_MODULE="${STACK_SETTINGS:-config.settings.production}"
    export PORTH_LOCAL_STACK=1
    export SECRET_KEY="$(cat "$RUN/secret-key")"
    export METRICS_TOKEN="$(cat "$RUN/metrics-token")"
    export DATABASE_URL="$DATABASE" DATABASE_CONN_MAX_AGE=60
    export REDIS_URL="$REDIS" TASK_BACKEND=rq CACHE_KEY_PREFIX=porth-stack
    export ALLOWED_HOSTS="127.0.0.1,localhost"
    export CSRF_TRUSTED_ORIGINS="http://127.0.0.1:$PORT,http://localhost:$PORT"
    export WAGTAILADMIN_BASE_URL="http://127.0.0.1:$PORT"
    export PORTH_VAR_DIR="$ROOT/var"
    export EMAIL_URL="file://$RUN/mail"
    export PROMETHEUS_MULTIPROC_DIR="$RUN/prometheus"
    mkdir -p "$PROMETHEUS_MULTIPROC_DIR"
}

alive() { [ -s "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

start_redis() {
    local port="${REDIS#redis://*:}"; port="${port%%/*}"
    if redis-cli -p "$port" ping >/dev/null 2>&1; then
        say "Redis: the machine's, on port $port"
        return
    fi
    command -v redis-server >/dev/null || { say "Redis is not running and redis-server is missing: apt-get install redis-server"; exit 1; }
    redis-server --port "$port" --daemonize yes --pidfile "$RUN/redis.pid" --dir "$RUN" --save "" \
        --logfile "$RUN/redis.log" < /dev/null > /dev/null 2>&1
    say "Redis: started on port $port (pid file var/stack/redis.pid)"
}

prepare_database() {
    local name="${DATABASE##*/}" server="${DATABASE%/*}"
    if ! psql "$server/postgres" -tAc "SELECT 1 FROM pg_database WHERE datname = '$name'" | grep -q 1; then
        psql "$server/postgres" -qc "CREATE DATABASE \"$name\""
        say "PostgreSQL: created $name"
    fi
    "$BIN/python" "$ROOT/manage.py" migrate --no-input -v0
    # Once per database (a marker named after it), and never with STACK_SEED=no.
    if [ "$SEED" != "no" ] && [ ! -e "$RUN/seeded-$name" ]; then
        say "Loading the demo data (once; a few minutes)"
        "$BIN/python" "$ROOT/manage.py" seed --demo --allow-without-debug > "$RUN/seed.log" && touch "$RUN/seeded-$name"
    fi
    "$BIN/python" "$ROOT/manage.py" collectstatic --no-input -v0
}

start_web() {
    # Figures from processes that are gone would be added up with the new ones.
    if ! ls "$RUN"/web-*.pid >/dev/null 2>&1; then rm -f "$PROMETHEUS_MULTIPROC_DIR"/*.db; fi
    for port in "${WEB_PORTS[@]}"; do
        alive "$RUN/web-$port.pid" && continue
        (cd "$ROOT" && "$BIN/gunicorn" config.wsgi -c config/gunicorn.conf.py \
            --workers "$WEB_WORKERS" --bind "127.0.0.1:$port" --forwarded-allow-ips=127.0.0.1 \
            --pid "$RUN/web-$port.pid" --control-socket "$RUN/web-$port.ctl" \
            --daemon --error-logfile "$RUN/web-$port.log" < /dev/null > /dev/null 2>&1)
    done
    say "Web: gunicorn on ports ${WEB_PORTS[*]} ($WEB_WORKERS worker(s) each)"
}

start_workers() {
    for number in 1 2; do
        alive "$RUN/worker-$number.pid" && continue
        # Two statements, so that $! is the worker's own process ID, not a subshell's.
        (cd "$ROOT" || exit 1
         # On one machine, background work gives way to readers (docs/deploy.md). `nice`
         # alone does not do it where the kernel groups processes by session (autogroup,
         # most desktop and server kernels): a nice value then counts only against the same
         # session's processes, and each daemonised gunicorn has a session of its own. So
         # each worker gets a session of its own (setsid) and that session's group is niced
         # too, by the worker itself once its session exists. Each step execs the next, so
         # the recorded process ID is the worker's.
         # --with-scheduler: without it, a task deferred (a retry's wait) never runs.
         nohup setsid sh -c 'echo "$1" > /proc/self/autogroup 2> /dev/null; shift; exec "$@"' \
            nice-worker "$WORKER_NICE" nice -n "$WORKER_NICE" \
            "$BIN/python" manage.py rqworker --with-scheduler --job-class django_tasks_rq.Job default \
            < /dev/null > "$RUN/worker-$number.log" 2>&1 &
         echo $! > "$RUN/worker-$number.pid")
    done
    say "Workers: 2 RQ workers (logs: ${RUN#"$ROOT"/}/worker-1.log, worker-2.log)"
}

start_balancer() {
    command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || { say "nginx is missing: apt-get install nginx-light"; exit 1; }
    local media="$ROOT/var/media"
    mkdir -p "$media"
    sed -e "s|@RUN@|$RUN|g" -e "s|@ROOT@|$ROOT|g" -e "s|@MEDIA@|$media|g" -e "s|@PORT@|$PORT|g" \
        -e "s|@WEB1@|${WEB_PORTS[0]}|g" -e "s|@WEB2@|${WEB_PORTS[1]}|g" -e "s|@WEB3@|${WEB_PORTS[2]}|g" \
        "$ROOT/config/stack/nginx.conf.template" > "$RUN/nginx.conf"
    alive "$RUN/nginx.pid" && { /usr/sbin/nginx -c "$RUN/nginx.conf" -s reload; return; }
    /usr/sbin/nginx -c "$RUN/nginx.conf" < /dev/null > /dev/null 2>> "$RUN/nginx-error.log"
    say "Load balancer: nginx on http://127.0.0.1:$PORT/"
}

wait_ready() {
    for _ in $(seq 1 60); do
        if curl -fsS "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1; then
            # The whole-register downloads are the worker's job (ADR 52): ask for the ones
            # this database has never stored. A restart builds nothing again (ADR 75); every
            # change, the nightly job and a release's `build_downloads` keep them current.
            "$BIN/python" "$ROOT/manage.py" build_downloads --missing > /dev/null
            say "Ready: http://127.0.0.1:$PORT/en/  (make stack-down stops it)"
            return
        fi
        sleep 1
    done
    say "Not answering /healthz after 60 s: see var/stack/*.log"
    exit 1
}

up() {
    settings
    start_redis
    prepare_database
    start_web
    start_workers
    start_balancer
    wait_ready
}

descendants() {
    local child
    for child in $(pgrep -P "$1" || true); do
        echo "$child"
        descendants "$child"
    done
}

stop_pid() {
    local file="$1" name="$2"
    if alive "$file"; then
        local pid family
        pid="$(cat "$file")"
        # Its descendants too (an RQ worker's work horse and scheduler), found before it stops,
        # or they run on, orphaned, once it has gone. A process may end at any moment here,
        # so no kill's failure stops the script.
        family="$(descendants "$pid")"
        kill -TERM "$pid" 2>/dev/null || true
        for _ in $(seq 1 20); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
        family="$family $(descendants "$pid")"
        for each in $pid $family; do kill -KILL "$each" 2>/dev/null || true; done
        say "stopped $name (pid $pid)"
    fi
    rm -f "$file"
}

down() {
    mkdir -p "$RUN"
    stop_pid "$RUN/nginx.pid" "nginx"
    for file in "$RUN"/web-*.pid; do [ -e "$file" ] && stop_pid "$file" "$(basename "$file" .pid)"; done
    for file in "$RUN"/worker-*.pid; do [ -e "$file" ] && stop_pid "$file" "$(basename "$file" .pid)"; done
    stop_pid "$RUN/redis.pid" "redis (ours)"
    return 0
}

status() {
    for file in "$RUN"/*.pid; do
        [ -e "$file" ] || continue
        if alive "$file"; then echo "running  $(basename "$file" .pid) (pid $(cat "$file"))"; else echo "stopped  $(basename "$file" .pid)"; fi
    done
}

case "${1:-up}" in
    up) up ;;
    down) down ;;
    status) status ;;
    *) echo "usage: $0 up|down|status" >&2; exit 2 ;;
esac
