# An async iterator class paginating results from a fake API: __aiter__/__anext__
# fetch one page at a time (awaiting a "network" call), raise StopAsyncIteration at
# the end; an async generator re-chunks the stream; `async for ... else`, break and
# continue inside `async for`, and nested async iteration.


class Tick:
    def __await__(self):
        yield "tick"


def run(coro):
    ticks = 0
    try:
        while True:
            coro.send(None)
            ticks += 1
    except StopIteration as e:
        return e.value, ticks


DATABASE = ["item%02d" % i for i in range(23)]
calls = []


async def fetch_page(offset, limit):
    calls.append((offset, limit))
    await Tick()
    page = DATABASE[offset:offset + limit]
    next_offset = offset + limit if offset + limit < len(DATABASE) else None
    return {"items": page, "next": next_offset}


class Paginator:
    def __init__(self, page_size):
        self.page_size = page_size

    def __aiter__(self):
        return PageIterator(self.page_size)


class PageIterator:
    def __init__(self, page_size):
        self.page_size = page_size
        self.offset = 0
        self.buffer = []
        self.pages = 0

    def __aiter__(self):
        return self

    async def __anext__(self):
        if not self.buffer:
            if self.offset is None:
                raise StopAsyncIteration
            page = await fetch_page(self.offset, self.page_size)
            self.pages += 1
            self.buffer = page["items"]
            self.offset = page["next"]
            if not self.buffer:
                raise StopAsyncIteration
        return self.buffer.pop(0)


async def chunks(aiterable, size):
    chunk = []
    async for item in aiterable:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


async def collect_all():
    out = []
    async for item in Paginator(10):
        out.append(item)
    else:
        out.append("<end>")
    return out


async def first_matching(pred):
    async for item in Paginator(4):
        if not pred(item):
            continue
        break
    else:
        return None
    return item


async def rechunk():
    return [len(c) async for c in chunks(Paginator(6), 5)]


async def pairs():
    out = []
    async for a in chunks(Paginator(3), 10):
        async for b in chunks(PageIterator(50), 20):
            out.append((a[0], b[-1]))
    return out


print(run(collect_all()))
print(calls)
calls.clear()
print(run(first_matching(lambda s: s.endswith("9"))))
print(calls)
calls.clear()
print(run(first_matching(lambda s: s == "nope")))
print(len(calls))
print(run(rechunk()))
print(run(pairs()))
