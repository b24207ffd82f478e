# A small log writer and reader on real files (io.open, text and binary modes):
# append, seek/tell, readline/readlines/iteration, utf-8 text, the layers
# (TextIOWrapper over BufferedWriter/BufferedReader over FileIO).
import io
import os

DIR = "log_files_tmp"
if not os.path.isdir(DIR):
    os.mkdir(DIR)
path = os.path.join(DIR, "app.log")


class LogWriter:
    def __init__(self, path):
        self.f = io.open(path, "a", encoding="utf-8")

    def log(self, level, msg):
        self.f.write("%-5s %s\n" % (level, msg))

    def close(self):
        self.f.close()


w = LogWriter(path)
w.log("INFO", "service started")
w.log("WARN", "disk at 91%")
w.log("ERROR", "café closed: ☕ unavailable")
print(type(w.f).__name__, type(w.f.buffer).__name__, type(w.f.buffer.raw).__name__)
print(w.f.name == path, w.f.mode, w.f.encoding, w.f.writable(), w.f.readable())
w.close()
print("closed:", w.f.closed)

w = LogWriter(path)
w.log("INFO", "second run")
w.close()

with io.open(path, encoding="utf-8") as f:
    first = f.readline()
    print(repr(first))
    pos = f.tell()
    rest = f.readlines()
    print(len(rest), [l.split()[0] for l in rest])
    f.seek(pos)
    print(repr(f.readline()))
    f.seek(0)
    counts = {}
    for line in f:
        level = line.split()[0]
        counts[level] = counts.get(level, 0) + 1
    print(sorted(counts.items()))
    print(repr(f.read()), repr(f.readline()))

with io.open(path, "rb") as f:
    data = f.read()
    print(len(data), data.count(b"\n"), data[:4])
    f.seek(-11, io.SEEK_END)
    print(f.read(), f.tell() == len(data))
    f.seek(0)
    print(f.read(4), f.peek(1)[:1], f.read1(3))

with io.open(path, "r+", encoding="utf-8") as f:
    f.seek(0, io.SEEK_END)
    f.write("DEBUG appended by r+\n")
    f.seek(0)
    print(len(f.read().splitlines()))

with io.open(path, "w+b") as f:
    print(f.write(b"abcdef"), f.tell())
    f.seek(2)
    print(f.read(2))
    f.truncate(3)
    f.seek(0)
    print(f.read())
    print(type(f).__name__, f.mode)

with io.open(path + ".x", "xb") as f:
    f.write(b"new")
try:
    io.open(path + ".x", "x")
except FileExistsError as e:
    print("FileExistsError", e.errno)
os.remove(path + ".x")
os.remove(path)
os.rmdir(DIR)
print(os.path.exists(DIR))
