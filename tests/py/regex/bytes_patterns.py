# Bytes patterns: binary records, headers, and the str/bytes mix-up errors.
import re

packet = b"GET /path HTTP/1.1\r\nHost: example.org\r\nContent-Length: 12\r\nX-Empty:\r\n\r\nbody=\x00\x01\xff"
head, _, body = packet.partition(b"\r\n\r\n")
request = re.match(rb"(?P<method>[A-Z]+) (?P<path>\S+) HTTP/(?P<ver>\d\.\d)", head)
print(request, request.groupdict())
headers = dict(re.findall(rb"^([\w-]+):[ \t]*(.*?)\r?$", head, re.M))
print(sorted(headers.items()))
print(re.findall(rb"[\x00-\x1f\x7f-\xff]", body))
print(re.sub(rb"[^\x20-\x7e]", lambda m: b"\\x%02x" % m.group()[0], body))
print(re.split(rb"\r\n", head))
print(re.search(rb"(?i)content-length: (\d+)", head).group(1))
print(re.sub(rb"(\w+)=", rb"[\1]=", body))
print(re.match(rb"\w+", "héllo".encode()), re.match(rb"(?i)H", b"h"))
print(re.findall(rb"\d+", bytearray(b"a1b22")), re.escape(b"a.b\x00"))
print(re.compile(rb"\xff+").search(b"\x00\xff\xff\x01").span())
print(re.fullmatch(rb"[\x80-\xff]*", bytes(range(128, 256))) is not None)

for call in [
    lambda: re.match(r"abc", b"abc"),
    lambda: re.match(rb"abc", "abc"),
    lambda: re.sub(rb"a", "b", b"aaa"),
    lambda: re.sub(r"a", b"b", "aaa"),
    lambda: re.match(r"a", 42),
    lambda: re.compile(b"(?u)x"),
    lambda: re.compile(b"x", re.U),
]:
    try:
        print(call())
    except (TypeError, ValueError, re.error) as e:
        print(type(e).__name__ + ":", e)
