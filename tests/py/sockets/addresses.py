# Name and address helpers on numeric hosts and localhost (no DNS needed).
import socket

print(socket.gethostbyname("127.0.0.1"))
print(socket.gethostbyname("localhost"))
print(socket.gethostbyname(""))
print(socket.inet_aton("192.168.1.20"))
print(socket.inet_ntoa(b"\x0a\x00\x00\x01"))
print(socket.htons(1), socket.ntohs(256), socket.htonl(1), socket.ntohl(16777216))

for family, type_, proto, canon, sockaddr in socket.getaddrinfo("127.0.0.1", 8080):
    print(family == socket.AF_INET, type_ in (socket.SOCK_STREAM, socket.SOCK_DGRAM,
                                             socket.SOCK_RAW), repr(canon), sockaddr)

infos = socket.getaddrinfo("127.0.0.1", "80", socket.AF_INET, socket.SOCK_STREAM)
print(len(infos), infos[0][2] == socket.IPPROTO_TCP, infos[0][4])
infos = socket.getaddrinfo("127.0.0.1", None, type=socket.SOCK_DGRAM)
print(len(infos), infos[0][2] == socket.IPPROTO_UDP, infos[0][4])
infos = socket.getaddrinfo("::1", 443, socket.AF_INET6, socket.SOCK_STREAM)
print(infos[0][0] == socket.AF_INET6, infos[0][4])
infos = socket.getaddrinfo("localhost", 7, socket.AF_INET, socket.SOCK_STREAM)
print(sorted(set(info[4] for info in infos)))
infos = socket.getaddrinfo(None, 9000, socket.AF_INET, socket.SOCK_STREAM, 0,
                           socket.AI_PASSIVE)
print("passive:", infos[0][4])
infos = socket.getaddrinfo(None, 9000, socket.AF_INET, socket.SOCK_STREAM)
print("not passive:", infos[0][4])
print(socket.getaddrinfo(b"127.0.0.1", 53, socket.AF_INET, socket.SOCK_DGRAM)[0][4])

for bad in ["300.1.1.1", "1.2.3", "10.1", "127", "1.2.3.4.5", "a.b.c.d"]:
    try:
        print(socket.inet_aton(bad))
    except OSError as e:
        print("inet_aton(%r): %s" % (bad, e))
try:
    socket.inet_ntoa(b"\x01\x02")
except OSError as e:
    print("inet_ntoa:", e)
try:
    socket.getaddrinfo("not-a-number", 80, flags=socket.AI_NUMERICHOST)
except socket.gaierror as e:
    print("gaierror:", e.errno == socket.EAI_NONAME, e.strerror)
try:
    socket.getaddrinfo("127.0.0.1", "no-such-service", type=socket.SOCK_STREAM)
except socket.gaierror as e:
    print("gaierror:", e.errno == socket.EAI_SERVICE, e.strerror)
try:
    socket.htons(70000)
except OverflowError as e:
    print("OverflowError:", e)
print(issubclass(socket.gaierror, OSError), socket.error is OSError,
      socket.timeout is TimeoutError)
