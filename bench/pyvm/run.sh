#!/usr/bin/env bash
# Build pyvm (release) and compare it with python3 on the micro-benchmarks in
# bench/pyvm/scripts/*.py (real programs: bench/pyvm/pyperformance.sh).
# Prints each ratio and the geometric mean; never fails on speed.
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$root/target-pyvm}"
cargo build --release -q -p pyvm --manifest-path "$root/Cargo.toml" || exit 0
python3 "$here/run.py" "$CARGO_TARGET_DIR/release/pyvm" "${PYTHON:-python3}" || true
