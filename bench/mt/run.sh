#!/usr/bin/env bash
# Build pyvm (release) and compare micro_threads with asyncio and generators.
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$root/target-pyvm}"
cargo build --release -q -p pyvm --manifest-path "$root/Cargo.toml" || exit 0
python3 "$here/run.py" "$CARGO_TARGET_DIR/release/pyvm" "${PYTHON:-python3}" || true
