#!/usr/bin/env bash
# _thread benchmark (issue "_thread"): lock acquire/release uncontended and with 4
# threads contending, OS thread start+join, and a value handed between two OS threads
# (a micro_pipe in pyvm, queue.Queue(maxsize=1) in CPython) — pyvm against python3 in
# one run, with ratios (pyvm / python3: below 1, pyvm is faster). Never part of CI.
# Usage: bench/threads/run.sh [N]   (default 1,000,000)
set -uo pipefail
cd "$(dirname "$0")/../.."
n=${1:-1000000}
cargo build -q --release -p pyvm || exit 1
mine=$(target/release/pyvm bench/threads/pyvm_threads.py "$n") || exit 1
theirs=$(python3 bench/peers/thread_peers.py "$n") || exit 1
printf '%-26s %12s %12s %8s  %s\n' measure pyvm python3 ratio unit
while read -r name value unit; do
  peer=$(echo "$theirs" | awk -v k="$name" '$1 == k {print $2}')
  ratio=$(awk -v a="$value" -v b="$peer" 'BEGIN {printf "%.2f", a / b}')
  printf '%-26s %12s %12s %8s  %s\n' "$name" "$value" "$peer" "$ratio" "$unit"
done <<<"$mine"
