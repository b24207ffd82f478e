# expected output written by hand
# Text files read inside micro_threads: workers each open a log file with io.open
# (UTF-8 and UTF-16, universal or untranslated newlines), read it in read(n) pieces,
# note a tell() cookie and seek back to it; meanwhile another micro_thread reads
# records through a BufferedReader whose raw readinto() blocks on a micro_pipe
# (peek, read1 and readinto over short chunks). The main program runs on while
# they wait, and the results are the same as read in one thread.
import io
import os
import tempfile
import time
from micro_thread import micro_pipe, start_and_forget, start_in_parallel

TEXT = "alpha\r\nbeta ☂\rgamma\ndelta café\r\nend"


def read_back(path, encoding, newline):
    with io.open(path, encoding=encoding, newline=newline) as f:
        pieces = []
        mark = None
        while True:
            if len(pieces) == 2:
                mark = f.tell()
            piece = f.read(5)
            if not piece:
                break
            pieces.append(piece)
            time.sleep(0.001)          # let the other workers run
        f.seek(mark)
        again = f.read(5)
        return "".join(pieces), again == pieces[2], repr(f.newlines)


class PipeRaw(io.RawIOBase):
    def __init__(self, pipe):
        self.pipe = pipe
        self.pending = b""

    def readable(self):
        return True

    def readinto(self, b):
        if not self.pending:
            self.pending = next(self.pipe, b"")   # blocks until a chunk comes
        n = min(len(b), len(self.pending))
        b[:n] = self.pending[:n]
        self.pending = self.pending[n:]
        return n


def produce(pipe):
    data = b"rec:one;rec:two;rec:three;rec:four;"
    for cut in (2, 5, 3, 9, 1, 20):
        time.sleep(0.001)
        pipe.put(data[:cut])
        data = data[cut:]
        if not data:
            break
    pipe.close()


def records(pipe):
    reader = io.BufferedReader(PipeRaw(pipe), buffer_size=6)
    out = [reader.peek(1)[:1]]
    buf = bytearray(4)
    out.append(bytes(buf[:reader.readinto(buf)]))
    rest = b""
    while True:
        chunk = reader.read1(5)
        if not chunk:
            break
        rest += chunk
    return out, rest.split(b";")


with tempfile.TemporaryDirectory() as d:
    jobs = []
    for encoding in ("utf-8", "utf-16"):
        path = os.path.join(d, encoding + ".log")
        with open(path, "wb") as f:
            f.write(TEXT.encode(encoding))
        for newline in (None, ""):
            jobs.append((encoding, newline,
                         start_in_parallel(read_back, path, encoding, newline)))
    pipe = micro_pipe()
    start_and_forget(produce, pipe)
    rec = start_in_parallel(records, pipe)
    print("main runs while the readers wait")
    for encoding, newline, job in jobs:
        text, same, newlines = job.wait()
        print(encoding, repr(newline), repr(text), same, newlines)
    print(rec.wait())
