# bytes.replace with a count and with an empty pattern (HTTP header editing)
resp = b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello"
print(resp.replace(b"\r\n\r\n", b"\r\nConnection: close\r\n\r\n", 1))
print(b"a-b-c-d".replace(b"-", b"+", 2))
print(b"a-b-c-d".replace(b"-", b"+", 0))
print(b"a-b-c-d".replace(b"-", b"+", -1))
print(b"abc".replace(b"", b"."))
print(b"abc".replace(b"", b".", 2))
print(b"".replace(b"", b"x"))
print(bytearray(b"aaaa").replace(b"a", b"bb", 3))
try:
    b"abc".replace(b"a")
except TypeError as e:
    print("TypeError:", e)
