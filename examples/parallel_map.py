"""parallel_map: one micro_thread per item, results in input order.

Each call sleeps as if it waited on the network; the calls overlap, so the whole map
takes about as long as the slowest call, not the sum of them.

Run it:  cargo run --release -p pyvm -- examples/parallel_map.py
"""
import time
from micro_thread import parallel_map, start_in_parallel


def fetch(url):
    """Pretend to fetch a URL: a delay that depends on its length."""
    delay = 0.01 * (len(url) % 5 + 1)
    time.sleep(delay)
    return f"{url} ({len(url)} bytes)"


urls = ["http://a.example/", "http://bb.example/x", "http://c.example/yy",
        "http://dd.example/zzz", "http://e.example/"]
start = time.monotonic()
for page in parallel_map(fetch, urls):
    print(page)
elapsed = time.monotonic() - start
print(f"{len(urls)} fetches overlapped: {elapsed < 0.1}")

# start_in_parallel + wait: a failure comes back where you wait for it.


def risky(n):
    time.sleep(0.005)
    if n == 3:
        raise ValueError(f"item {n} is bad")
    return n * n


threads = [start_in_parallel(risky, n) for n in range(5)]
for t in threads:
    try:
        print(t.name.split("-")[0], "->", t.wait())
    except ValueError as e:
        print("failed:", e)
