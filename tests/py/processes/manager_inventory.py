# An inventory kept by a multiprocessing Manager (a server process): worker
# processes record stock through dict and list proxies; the parent reads the
# views back (dict views cross the connection as lists: the manager registers a
# pickle reducer for their types). A Lock proxy guards a read-modify-write.
import multiprocessing as mp

SHIPMENTS = {"north": [("apples", 5), ("pears", 2)], "south": [("apples", 3), ("plums", 7)],
             "east": [("pears", 4)], "west": [("plums", 1), ("apples", 2)]}


def receive(depot, items, stock, log, lock):
    for name, n in items:
        with lock:
            stock[name] = stock.get(name, 0) + n
        log.append((depot, name, n))


if __name__ == "__main__":
    ctx = mp.get_context("fork")
    with ctx.Manager() as m:
        stock, log, lock = m.dict(), m.list(), m.Lock()
        workers = [ctx.Process(target=receive, args=(d, items, stock, log, lock))
                   for d, items in SHIPMENTS.items()]
        for w in workers:
            w.start()
        for w in workers:
            w.join(30)
        print("exit codes", [w.exitcode for w in workers])
        print("stock", sorted(stock.items()))
        print("keys", sorted(stock.keys()), "total", sum(stock.values()))
        print("log", sorted(log))
        ns = m.Namespace(label="inventory", version=2)
        print(ns.label, ns.version)
    print("type(d.items()) is stable:", type({}.items()) is type(getattr({}, "items")()))
