# A log collector fed by three machines with different line ends (\n, \r\n and old
# Mac \r) in chunks cut anywhere, including between a \r and its \n and inside a
# UTF-8 character: an IncrementalNewlineDecoder per source, its `newlines` record,
# then the joined log read back through TextIOWrapper in each newline mode with
# read(n), readline and iteration.
import codecs
import io

SOURCES = {
    "unix": "boot ok\nmount /srv\nstart web\n",
    "win": "update 1\r\nrestart\r\ncafé open\r\n",
    "mac": "sync\rbackup ☂ done\rhalt\r",
}


def chunks(data, size):
    return [data[i:i + size] for i in range(0, len(data), size)]


collected = []
for name, text in SOURCES.items():
    for size in (1, 3, 4):
        dec = io.IncrementalNewlineDecoder(codecs.getincrementaldecoder("utf-8")(),
                                           translate=True)
        seen = []
        out = []
        for part in chunks(text.encode("utf-8"), size):
            out.append(dec.decode(part))
            seen.append(dec.newlines)
        out.append(dec.decode(b"", final=True))
        result = "".join(out)
        if size == 3:
            print(name, repr(result), repr(dec.newlines), dec.getstate())
            print("   newlines while reading:", sorted(set(map(repr, seen))))
        collected.append(result)

# Untranslated decoding keeps a \r\n whole even when the chunk ends between them.
dec = io.IncrementalNewlineDecoder(None, translate=False)
parts = [dec.decode(p) for p in ["a\r", "\nb\r", "", "c\r", "\r\n", "d"]]
parts.append(dec.decode("", final=True))
print(parts, repr(dec.newlines))
dec.setstate((b"", 1))
print(repr(dec.decode("x")), dec.getstate())
dec.reset()
print(dec.newlines, dec.getstate())
for bad in [(), (None,), (None, True, "strict", 4)]:
    try:
        io.IncrementalNewlineDecoder(*bad)
    except TypeError as e:
        print("TypeError:", e)
try:
    io.IncrementalNewlineDecoder(None, True).decode(b"bytes")
except TypeError as e:
    print("TypeError:", e)

joined = "".join(SOURCES.values()).encode("utf-8")
for newline in [None, "", "\n", "\r", "\r\n"]:
    t = io.TextIOWrapper(io.BufferedReader(io.BytesIO(joined), 5), encoding="utf-8",
                         newline=newline)
    first = t.read(9)
    line = t.readline()
    rest = list(t)
    print(repr(newline), repr(first), repr(line), len(rest), repr(rest[-1]),
          repr(t.newlines))
    t.seek(0)
    pieces = []
    while True:
        piece = t.read(7)
        if not piece:
            break
        pieces.append(piece)
    print("   ", "".join(pieces).count("\n"), "".join(pieces).count("\r"), len(pieces))
