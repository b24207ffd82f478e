b = b"hello world"
print(b, len(b), b[0], b[-1], b[:5], b[::-1], b"wor" in b, 111 in b)
print(b.upper(), b.split(), b.split(b"o"), b.replace(b"l", b"L"), b.find(b"o"), b.count(b"l"))
print(b.startswith(b"he"), b.endswith(b"x"), b.strip(b"hd"), b"-".join([b"a", b"b"]), b.hex())
print(bytes(3), bytes([65, 66, 67]), bytes("héllo", "utf-8"), b.decode(), list(b"ab"))
ba = bytearray(b"abc")
ba.append(100)
ba.extend(b"ef")
ba[0] = 65
print(ba, len(ba), ba.pop(), ba, bytes(ba), ba == b"Abcde")
print(b + b"!", b * 2, b"a" < b"b", bytearray(2), bytes(bytearray(b"xy")))
try:
    bytes([256])
except ValueError as e:
    print("ValueError:", e)
try:
    b"x" + "y"
except TypeError as e:
    print("TypeError:", e)
