"""A multi-stage pipeline of micro_threads connected by micro_pipes.

Each stage is an ordinary function that reads its stdin with `for ... in iter()` and
writes with `put()`; `generate(..., stdin=...)` starts it in its own micro_thread and
returns the pipe it writes. Every stage is suspended while it waits for its neighbour,
so the values flow one at a time through the whole chain.

Run it:  cargo run --release -p pyvm -- examples/pipeline.py
"""
import time
from micro_thread import generate

LOG = """\
2026-11-22 10:00:01 GET /index.html 200 512
2026-11-22 10:00:02 GET /missing 404 0
2026-11-22 10:00:02 POST /api/items 201 88
2026-11-22 10:00:03 GET /index.html 200 512
2026-11-22 10:00:04 GET /api/items 500 31
2026-11-22 10:00:05 GET /api/items 200 1024
"""


def read_lines(text):
    """Stage 1: the raw lines (as if read slowly from a socket)."""
    for line in text.splitlines():
        time.sleep(0.001)
        put(line)


def parse():
    """Stage 2: split each line into a record."""
    for line in iter():
        date, clock, method, path, status, size = line.split()
        put({"time": clock, "method": method, "path": path,
             "status": int(status), "size": int(size)})


def only_errors():
    """Stage 3: keep the failed requests."""
    for rec in iter():
        if rec["status"] >= 400:
            put(rec)


def describe():
    """Stage 4: a line of text per failed request."""
    for rec in iter():
        put(f"{rec['time']} {rec['method']:<4} {rec['path']:<12} -> {rec['status']}")


lines = generate(read_lines, LOG)
records = generate(parse, stdin=lines)
errors = generate(only_errors, stdin=records)
report = generate(describe, stdin=errors)
for text in report:                     # stage 5: the main micro_thread prints
    print(text)

# The same stages, reused: total bytes served by path.
sizes = {}
for rec in generate(parse, stdin=generate(read_lines, LOG)):
    sizes[rec["path"]] = sizes.get(rec["path"], 0) + rec["size"]
for path, size in sorted(sizes.items()):
    print(f"{path:<12} {size:>6,} bytes")
