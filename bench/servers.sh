#!/usr/bin/env bash
# Server benchmark (issue "Sockets"): echo round trips/s and p99 latency with 1 and 100
# connections (64-byte messages), HTTP hello-world requests/s with 100 keep-alive
# connections, each also pipelined (100x16: 16 requests in flight per connection, so
# that the one-core load generator is not what sets the figure), and memory per idle
# connection with 10,000 open connections — for every server below that can run here
# ("reactor" is the Rust reactor alone: the upper bound pyvm's servers run on top of).
# Server pinned to core 0, load generator (bench/src/bin/loadgen.rs, which checks
# every reply) to core 1; "lg cpu" is the load generator's own CPU use over the
# measurement (near 100%: it, not the server, was the limit).
# Never part of CI. Usage: bench/servers.sh [SECONDS]   (default 5 s a measurement)
#
# Peers are installed on demand: uvloop and gevent (PyPI). The pyvm rows appear once
# examples/echo_server.py and examples/http_hello.py exist.
set -uo pipefail
cd "$(dirname "$0")/.."
secs=${1:-5}
port=$((20000 + RANDOM % 20000))
ulimit -n 65536 2>/dev/null || true

python3 -c 'import uvloop' 2>/dev/null || pip install -q uvloop >/dev/null 2>&1 || true
python3 -c 'import gevent' 2>/dev/null || pip install -q gevent >/dev/null 2>&1 || true
cargo build -q --release -p bench --bin loadgen --bin reactor_server || exit 1
[ -f examples/echo_server.py ] && cargo build -q --release -p pyvm 2>/dev/null
LOADGEN=target/release/loadgen
PYVM=target/release/pyvm

# name | kind (echo/http) | command (PORT is replaced)
servers=(
  "reactor|echo|target/release/reactor_server echo PORT"
  "reactor|http|target/release/reactor_server http PORT"
  "asyncio|echo|python3 bench/servers/asyncio_echo.py PORT"
  "asyncio|http|python3 bench/servers/asyncio_http.py PORT"
  "uvloop|echo|python3 bench/servers/asyncio_echo.py PORT uvloop"
  "uvloop|http|python3 bench/servers/asyncio_http.py PORT uvloop"
  "gevent|echo|python3 bench/servers/gevent_echo.py PORT"
  "gevent|http|python3 bench/servers/gevent_http.py PORT"
  "threads|echo|python3 bench/servers/threaded_echo.py PORT"
  "threads|http|python3 bench/servers/threaded_http.py PORT"
  "pyvm|echo|$PYVM examples/echo_server.py PORT"
  "pyvm|http|$PYVM examples/http_hello.py PORT"
)

start_server() { # cmd -> sets pid; waits until the port accepts
  local cmd=${1//PORT/$port}
  taskset -c 0 $cmd >/dev/null 2>&1 &
  pid=$!
  for _ in $(seq 50); do
    (exec 3<>/dev/tcp/127.0.0.1/$port) 2>/dev/null && return 0
    kill -0 $pid 2>/dev/null || return 1
    sleep 0.1
  done
  return 1
}
stop_server() { kill $pid 2>/dev/null; wait $pid 2>/dev/null; port=$((port + 1)); }
rss_kb() { awk '/VmRSS/ {print $2}' /proc/$1/status 2>/dev/null || echo 0; }
field() { sed -n "s/.*$1=\([0-9]*\).*/\1/p"; }

declare -A results
printf '%-8s %-5s %-10s %12s %10s %7s %s\n' server kind load 'rps' 'p99 us' 'lg cpu' 'errors/bad'
for entry in "${servers[@]}"; do
  IFS='|' read -r name kind cmd <<<"$entry"
  case $name in
    uvloop) python3 -c 'import uvloop' 2>/dev/null || continue ;;
    gevent) python3 -c 'import gevent' 2>/dev/null || continue ;;
    pyvm) script=$(echo "$cmd" | awk '{print $2}'); [ -x "$PYVM" ] && [ -f "$script" ] || continue ;;
  esac
  if [ "$kind" = echo ]; then loads="1 100 100x16"; else loads="100 100x16"; fi
  for load in $loads; do
    conns=${load%x*}; depth=1
    [ "$load" != "$conns" ] && depth=${load#*x}
    start_server "$cmd" || { echo "$name $kind: server did not start"; stop_server; continue; }
    out=$(taskset -c 1 $LOADGEN "$kind" $port "$conns" "$secs" --depth "$depth")
    rps=$(echo "$out" | field rps); p99=$(echo "$out" | field p99_us)
    cpu=$(echo "$out" | field cpu_pct)
    printf '%-8s %-5s %-10s %12s %10s %6s%% %s\n' "$name" "$kind" "${load}c" "$rps" "$p99" "$cpu" \
      "$(echo "$out" | field errors)/$(echo "$out" | field bad)"
    results["$name $kind ${load}c"]=$rps
    stop_server
  done
  if [ "$kind" = echo ]; then # memory per idle connection, 10,000 connections
    start_server "$cmd" || { stop_server; continue; }
    before=$(rss_kb $pid)
    taskset -c 1 $LOADGEN idle $port 10000 3 >/tmp/idle.$$ &
    lg=$!; sleep 2.5; after=$(rss_kb $pid); wait $lg
    connected=$(field connected </tmp/idle.$$); rm -f /tmp/idle.$$
    if [ "${connected:-0}" -gt 0 ]; then
      printf '%-8s %-5s %-10s %12s\n' "$name" idle "${connected}c" "$(( (after - before) * 1024 / connected )) B/conn"
    fi
    stop_server
  fi
done

# Throughput ratios: pyvm's requests/s over each peer's, same load (above 1: pyvm ahead).
echo
printf '%-16s %8s %8s %8s %8s %8s\n' 'pyvm / peer' asyncio uvloop gevent threads reactor
for load in "echo 1c" "echo 100c" "echo 100x16c" "http 100c" "http 100x16c"; do
  mine=${results["pyvm $load"]:-}
  [ -n "$mine" ] || continue
  line=$(printf '%-16s' "$load")
  for peer in asyncio uvloop gevent threads reactor; do
    theirs=${results["$peer $load"]:-}
    if [ -n "$theirs" ] && [ "$theirs" -gt 0 ]; then
      line+=$(awk -v a="$mine" -v b="$theirs" 'BEGIN {printf " %8.2f", a / b}')
    else
      line+=$(printf ' %8s' -)
    fi
  done
  echo "$line"
done
