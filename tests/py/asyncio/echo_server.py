"""A line-based echo server with asyncio streams, and several clients talking to it
over 127.0.0.1 at once. The server upper-cases each line, counts lines per client,
and answers `STATS` with its totals; `BYE` closes the connection."""

import asyncio


class EchoServer:
    def __init__(self):
        self.lines = {}
        self.connections = 0
        self.finished = 0
        self.all_done = asyncio.Event()
        self.expected = None

    def handler_done(self):
        self.finished += 1
        if self.finished == self.expected:
            self.all_done.set()

    async def handle(self, reader, writer):
        self.connections += 1
        name = None
        try:
            while True:
                line = await reader.readline()
                if not line:
                    break
                text = line.decode().rstrip("\n")
                if text.startswith("HELLO "):
                    name = text[6:]
                    self.lines[name] = 0
                    writer.write(f"welcome {name}\n".encode())
                elif text == "STATS":
                    total = sum(self.lines.values())
                    writer.write(f"clients={len(self.lines)} lines={total}\n".encode())
                elif text == "BYE":
                    writer.write(b"bye\n")
                    await writer.drain()
                    break
                else:
                    self.lines[name] += 1
                    writer.write(text.upper().encode() + b"\n")
                await writer.drain()
        finally:
            writer.close()
            await writer.wait_closed()
            self.handler_done()


async def client(port, name, words, delay):
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    replies = []

    async def ask(text):
        writer.write(text.encode() + b"\n")
        await writer.drain()
        return (await reader.readline()).decode().rstrip("\n")

    replies.append(await ask("HELLO " + name))
    for w in words:
        await asyncio.sleep(delay)
        replies.append(await ask(w))
    replies.append(await ask("BYE"))
    eof = await reader.read()
    writer.close()
    await writer.wait_closed()
    return name, replies, eof


async def main():
    echo = EchoServer()
    server = await asyncio.start_server(echo.handle, "127.0.0.1", 0)
    host, port = server.sockets[0].getsockname()[:2]
    print("listening on", host, "port is an int:", isinstance(port, int) and port > 0)
    async with server:
        results = await asyncio.gather(
            client(port, "ann", ["alpha", "beta", "gamma"], 0.01),
            client(port, "bob", ["one", "two"], 0.015),
            client(port, "cyd", ["x" * 5000], 0.0),
        )
        for name, replies, eof in results:
            shown = [r if len(r) < 40 else r[:10] + f"...({len(r)})" for r in replies]
            print(name, shown, "eof:", eof)
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        writer.write(b"STATS\nBYE\n")
        print("stats:", (await reader.readline()).decode().strip())
        print("then:", await reader.read())
        writer.close()
        await writer.wait_closed()
        echo.expected = 4
        if echo.finished < 4:
            await asyncio.wait_for(echo.all_done.wait(), 5)
        print("handlers finished:", echo.finished)
    print("connections:", echo.connections)
    print("lines:", sorted(echo.lines.items()))
    print("serving after close:", server.is_serving())


asyncio.run(main())
