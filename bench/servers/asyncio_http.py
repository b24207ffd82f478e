"""HTTP/1.1 keep-alive hello world on asyncio streams. Usage: asyncio_http.py PORT [uvloop]"""
import asyncio
import sys

RESPONSE = b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 12\r\n\r\nHello world\n"


async def handle(reader, writer):
    try:
        while True:
            head = await reader.readuntil(b"\r\n\r\n")
            if not head:
                break
            writer.write(RESPONSE)
            await writer.drain()
    except (asyncio.IncompleteReadError, ConnectionError):
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
