# expected output written by hand
# A log shipper: collector micro_threads push records through a micro_pipe, and the
# shipper buffers them in collections.deque. deque.extend / extendleft / deque(...)
# read iterables that wait (a micro_pipe, a generator that sleeps): every record
# arrives, in order, and extend's waits are soft switches (its deferral-aware half
# runs as a frame), so no worker stack is held while it waits.
import time
from collections import deque

import micro_thread

records = micro_thread.micro_pipe()


def collector(host, n):
    for i in range(n):
        time.sleep(0.001)
        records.put(f"{host}#{i}")


def closer(threads):
    for t in threads:
        t.wait()
    records.close()


hosts = [micro_thread.start_in_parallel(collector, h, 3) for h in ("web", "db")]
micro_thread.start_and_forget(closer, hosts)

before = micro_thread.hard_switches()
buffer = deque(maxlen=100)
buffer.extend(records)              # waits for every record, then the close
print(len(buffer), sorted(buffer))
print("extend hard switches:", micro_thread.hard_switches() - before)


def retries():
    for r in ("retry-2", "retry-1"):
        time.sleep(0.001)
        yield r


before = micro_thread.hard_switches()
buffer.extendleft(retries())        # each retry goes to the front
print(list(buffer)[:3])
print("extendleft hard switches:", micro_thread.hard_switches() - before)

# A bounded window over a generator that waits: only the last three stay.
window = deque((time.sleep(0.001) or n for n in range(6)), 3)
print(window)


class SlowKey:
    """Compares equal after a wait (an item checked against a remote source)."""

    def __init__(self, key):
        self.key = key

    def __eq__(self, other):
        time.sleep(0.001)
        return other == self.key


batch = deque(["a", "b", "c", "b"])
print(batch.index(SlowKey("b")), batch.count(SlowKey("b")), SlowKey("c") in batch)
batch.remove(SlowKey("b"))
print(batch)
