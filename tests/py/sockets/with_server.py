# create_server / create_connection and `with`: a tiny request-response service
# where every socket is closed by its with block, even when a request fails.
import socket


def handle(conn):
    request = conn.recv(1024).decode()
    op, _, arg = request.partition(" ")
    if op == "upper":
        return arg.upper()
    if op == "len":
        return str(len(arg))
    raise ValueError("unknown op %r" % op)


with socket.create_server(("127.0.0.1", 0)) as server:
    address = server.getsockname()
    print("listening on", address[0])
    for request in ["upper hello", "len four", "explode now", "upper again"]:
        with socket.create_connection(address) as client:
            client.sendall(request.encode())
            conn, peer = server.accept()
            with conn:
                print("peer is the client:", peer == client.getsockname(),
                      conn.getpeername() == client.getsockname())
                try:
                    conn.sendall(handle(conn).encode())
                except ValueError as e:
                    print("handler failed:", e)
                    conn.sendall(b"error")
            print(request, "->", client.recv(1024).decode())
            print("server side closed:", conn.fileno() == -1, "client open:", client.fileno() >= 0)
        print("client closed:", client.fileno() == -1)
print("server closed:", server.fileno() == -1)
print(server)

# create_server with options; a socket used after its with block.
with socket.create_server(("127.0.0.1", 0), backlog=5, reuse_port=True) as s2:
    print("reuse_port:", s2.getsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT) != 0)
try:
    s2.accept()
except OSError as e:
    print("after with:", e)
try:
    socket.create_server(("127.0.0.1", 0), family=socket.AF_INET, dualstack_ipv6=True)
except ValueError as e:
    print("ValueError:", e)

# Binding the same port twice fails with the address in the message.
with socket.create_server(("127.0.0.1", 0)) as s3:
    port = s3.getsockname()[1]
    try:
        socket.create_server(("127.0.0.1", port))
    except OSError as e:
        print("errno", e.errno, e.strerror.replace(str(port), "PORT"))
