#!/usr/bin/env bash
# pyperformance 1.14.0's pure-Python benchmarks under pyvm and python3, interleaved:
# prints each benchmark's time per loop, the ratio pyvm / python3 and the geometric mean,
# and why each benchmark pyvm cannot run failed. Never part of CI; never fails on speed.
#
# Usage: bench/pyvm/pyperformance.sh [--only NAME,NAME] [--reps N] [--values N]
#                                    [--min-time S] [--timeout S] [--list]
#   PYVM=path/to/pyvm   compare that binary (no build); default: build target/release/pyvm
#   PYTHON=python3      the CPython to compare with
#
# First use downloads, with pip, pyperformance==1.14.0 (its benchmarks, not its runner)
# and the two pure-Python packages its benchmarks need, pyaes==1.6.1 and tomli==2.0.1,
# into bench/.cache/ (git-ignored). Timing uses bench/pyvm/pyperf.py, a small stand-in
# for pyperf, the same for both interpreters. See bench/pyvm/pyperformance_run.py.
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cache="$root/bench/.cache/pyperformance"
py="${PYTHON:-python3}"

fetch() { # fetch SPEC: pip download SPEC (no dependencies) into $cache/dl
  "$py" -m pip download -q --no-deps -d "$cache/dl" "$1" >/dev/null || { echo "pip download $1 failed"; exit 0; }
}
mkdir -p "$cache/dl" "$cache/site"
if [ ! -d "$cache/pyperformance-1.14.0" ]; then
  fetch pyperformance==1.14.0
  "$py" -m zipfile -e "$cache/dl/pyperformance-1.14.0-py3-none-any.whl" "$cache/pyperformance-1.14.0.tmp" &&
    mv "$cache/pyperformance-1.14.0.tmp" "$cache/pyperformance-1.14.0"
fi
if [ ! -d "$cache/site/pyaes" ]; then
  fetch pyaes==1.6.1 # a source distribution: its package folder is all we need
  tar -xzf "$cache/dl/pyaes-1.6.1.tar.gz" -C "$cache/dl" && cp -r "$cache/dl/pyaes-1.6.1/pyaes" "$cache/site/"
fi
if [ ! -d "$cache/site/tomli" ]; then
  fetch tomli==2.0.1 # 2.0.1's only wheel is pure Python (py3-none-any)
  "$py" -m zipfile -e "$cache/dl/tomli-2.0.1-py3-none-any.whl" "$cache/dl/tomli" &&
    cp -r "$cache/dl/tomli/tomli" "$cache/site/"
fi

if [ -z "${PYVM:-}" ]; then
  target="${CARGO_TARGET_DIR:-$root/target}"
  cargo build --release -q -p pyvm --manifest-path "$root/Cargo.toml" || exit 0
  export PYVM="$target/release/pyvm"
fi
"$py" "$here/pyperformance_run.py" --pyvm "$PYVM" --python "$py" "$@" || true
