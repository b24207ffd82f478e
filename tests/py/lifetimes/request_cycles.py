"""A long-running request loop that leaves cyclic garbage made of plain
containers behind every request: the request dict links to its response dict
and back, the middleware chain is a list that holds the request, and each
request owns a socket-like object. Nothing calls gc.collect(): the automatic
collection must keep up, so the sockets get closed and memory stays flat."""
import gc
import weakref

closed = 0


class Socket:
    def __init__(self, fd):
        self.fd = fd

    def __del__(self):
        global closed
        closed += 1


def handle(i):
    request = {"id": i, "path": f"/item/{i % 50}", "sock": Socket(i)}
    response = {"status": 200, "request": request, "headers": []}
    request["response"] = response
    chain = [request]
    chain.append(chain)  # middleware keeps a handle on its own chain
    response["headers"].append(("x-chain", chain))
    return response["status"]


N = 100000
print("automatic collection on:", gc.isenabled())
ok = sum(handle(i) == 200 for i in range(N))
print("handled:", ok)
print("sockets closed without an explicit collect:", closed > N - 20000)
print("pending count bounded:", gc.get_count()[0] < 20000)
gc.collect()
print("all closed after a final collect:", closed == N)

# With automatic collection off the garbage waits for the explicit collect.
gc.disable()
before = closed
for i in range(1000):
    handle(i)
print("nothing closed while disabled:", closed == before)
print("collected:", gc.collect())
print("closed then:", closed - before)
gc.enable()
