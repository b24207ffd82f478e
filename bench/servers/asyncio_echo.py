"""Echo server on asyncio streams (peer for bench/servers.sh). Usage: asyncio_echo.py PORT [uvloop]"""
import asyncio
import sys


async def handle(reader, writer):
    try:
        while True:
            data = await reader.read(65536)
            if not data:
                break
            writer.write(data)
            await writer.drain()
    except ConnectionError:
        pass
    finally:
        writer.close()


async def main(port):
    server = await asyncio.start_server(handle, "127.0.0.1", port, backlog=4096)
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[2] == "uvloop":
        import uvloop
        uvloop.install()
    asyncio.run(main(int(sys.argv[1])))
