"""A small job pipeline on asyncio: a producer reads "orders" from an async
generator, workers take them from a bounded queue, a slow lookup is cut short by
wait_for, a stuck worker is cancelled, and a metrics ticker (an async generator left
suspended) is closed by asyncio.run at shutdown."""

import asyncio

log = []


async def orders(n):
    for i in range(1, n + 1):
        await asyncio.sleep(0)
        yield {"id": i, "qty": i % 4 + 1, "sku": "sku-%d" % (i % 3)}


async def lookup_price(sku):
    delays = {"sku-0": 0.0, "sku-1": 0.001, "sku-2": 5.0}
    await asyncio.sleep(delays[sku])
    return {"sku-0": 2.5, "sku-1": 4.0, "sku-2": 9.75}[sku]


async def producer(queue, n):
    count = 0
    async for order in orders(n):
        await queue.put(order)
        count += 1
    for _ in range(WORKERS):
        await queue.put(None)
    return count


async def worker(name, queue, results):
    handled = 0
    while True:
        order = await queue.get()
        try:
            if order is None:
                return name, handled
            try:
                price = await asyncio.wait_for(lookup_price(order["sku"]), timeout=0.05)
            except asyncio.TimeoutError:
                results[order["id"]] = ("timeout", order["sku"])
            else:
                results[order["id"]] = ("ok", round(price * order["qty"], 2))
            handled += 1
        finally:
            queue.task_done()


async def stuck(started):
    started.set()
    try:
        await asyncio.sleep(3600)
    except asyncio.CancelledError:
        log.append("stuck: cancelled, cleaning up")
        raise
    finally:
        log.append("stuck: finally ran")


async def ticker():
    n = 0
    try:
        while True:
            n += 1
            yield n
            await asyncio.sleep(0)
    finally:
        # Printed when asyncio.run shuts the async generators down.
        print("ticker closed after", n, "ticks")


async def read_batches(source):
    try:
        for i in range(0, len(source), 2):
            await asyncio.sleep(0)
            yield source[i:i + 2]
    finally:
        # Run by the loop's finalizer hook: an aclose() task once the generator
        # is dropped half-way.
        log.append("read_batches: closed by the loop")


async def first_batch_with(source, wanted):
    async for batch in read_batches(source):
        if wanted in batch:
            return batch
    return None


TICKERS = []
WORKERS = 3


async def main():
    queue = asyncio.Queue(maxsize=2)
    results = {}
    t = ticker()
    TICKERS.append(t)  # kept alive: asyncio.run closes it at shutdown
    print("ticks:", [await t.__anext__() for _ in range(3)])

    started = asyncio.Event()
    stuck_task = asyncio.create_task(stuck(started), name="stuck")
    await started.wait()

    workers = [asyncio.create_task(worker("w%d" % i, queue, results)) for i in range(WORKERS)]
    produced, *done = await asyncio.gather(producer(queue, 9), *workers)
    await queue.join()
    print("produced:", produced)
    print("handled per worker:", sum(h for _, h in done))
    for oid in sorted(results):
        print("  order", oid, results[oid])

    stuck_task.cancel()
    try:
        await stuck_task
    except asyncio.CancelledError:
        print("stuck task cancelled:", stuck_task.cancelled())
    print("\n".join(log))

    outcome = await asyncio.gather(
        asyncio.wait_for(lookup_price("sku-1"), 1),
        asyncio.wait_for(lookup_price("sku-2"), 0.01),
        return_exceptions=True,
    )
    print("gather with exceptions:", [type(o).__name__ if isinstance(o, BaseException) else o for o in outcome])
    print("queue empty:", queue.empty(), "tasks left:", len(asyncio.all_tasks()) - 1)

    log.clear()
    print("batch:", await first_batch_with("abcdefgh", "d"))
    for _ in range(3):
        await asyncio.sleep(0)
    print("log:", log)


asyncio.run(main())
print("after run")
