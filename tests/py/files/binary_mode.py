
path = "/tmp/pyvm_golden_binary.bin"
f = open(path, "wb")
f.write(bytes(range(10)))
f.write(b"\xff\xfe")
f.close()
f = open(path, "rb")
data = f.read()
f.close()
print(data, len(data), list(data[:4]), data[-2:])
f = open(path, "rb")
print(f.read(3), f.read(2), f.read())
f.close()
try:
    g = open(path, "wb")
    g.write("text")
except TypeError as e:
    print("TypeError:", e)
g.close()
try:
    h = open(path, "w")
    h.write(b"bytes")
except TypeError as e:
    print("TypeError:", e)
h.close()

