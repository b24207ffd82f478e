# Newline translation on files: writing with newline=None/''/'\n'/'\r\n'/'\r',
# reading back the raw bytes and through every newline mode, the newlines
# attribute, and IncrementalNewlineDecoder fed in small pieces.
import io
import os

path = "newlines_tmp.txt"
text = "unix\nwindows\r\nold mac\rlast"

for nl in (None, "", "\n", "\r\n", "\r"):
    with io.open(path, "w", encoding="utf-8", newline=nl) as f:
        f.write(text)
    with io.open(path, "rb") as f:
        print("write newline=%r:" % (nl,), f.read())

with io.open(path, "wb") as f:
    f.write(text.encode())
for nl in (None, "", "\n", "\r\n", "\r"):
    with io.open(path, encoding="utf-8", newline=nl) as f:
        lines = f.readlines()
        print("read newline=%r:" % (nl,), lines, f.newlines)
    with io.open(path, encoding="utf-8", newline=nl) as f:
        print("   iter:", [l for l in f], "read():", repr(f.read()))

with io.open(path, "wb") as f:
    f.write(b"a\r\nb\r\n")
with io.open(path, encoding="utf-8") as f:
    print(repr(f.readline()), repr(f.newlines))
    print(repr(f.read()), repr(f.newlines))

with io.open(path, "wb") as f:
    f.write(b"x" * 8191 + b"\r\n" + b"y\r\nz")
with io.open(path, encoding="utf-8") as f:
    lines = list(f)
    print(len(lines), len(lines[0]), lines[1:], repr(f.newlines))

dec = io.IncrementalNewlineDecoder(None, translate=True)
out = []
for piece in ["ab\r", "\ncd\r", "", "ef\n", "\r"]:
    out.append(dec.decode(piece))
out.append(dec.decode("", final=True))
print(out, dec.newlines)
dec = io.IncrementalNewlineDecoder(None, translate=False)
print(repr(dec.decode("a\r\nb\r")), repr(dec.decode("\n", final=True)), repr(dec.newlines))
try:
    io.open(path, "w", newline="\t")
except ValueError as e:
    print("ValueError:", e)
os.remove(path)
