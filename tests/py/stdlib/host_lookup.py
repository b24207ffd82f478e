# Reverse lookups a server does for its log lines: gethostbyaddr and getfqdn on
# the loopback address and on names (errors as CPython's).
import socket

name, aliases, addrs = socket.gethostbyaddr("127.0.0.1")
print(name in ("localhost", "localhost.localdomain"), aliases == [] or all(isinstance(a, str) for a in aliases), addrs)
print(socket.getfqdn("127.0.0.1") in ("localhost", "localhost.localdomain"))
print(socket.getfqdn("  no-such-host.invalid  "))
print(socket.getfqdn() == socket.getfqdn("0.0.0.0") == socket.getfqdn(""))
for bad in ("no-such-host.invalid", 12):
    try:
        socket.gethostbyaddr(bad)
    except (socket.gaierror, socket.herror) as e:
        print(type(e).__name__, e.args[0] != 0)
    except TypeError as e:
        print("TypeError", e)
