# expected output written by hand
# A line relay between micro_threads: one reads text lines through a TextIOWrapper
# over a BufferedReader over a raw reader whose readinto() blocks on a micro_pipe
# (the producer splits a UTF-8 character and a \r\n between its chunks); it
# upper-cases each line and writes it through a line-buffered TextIOWrapper whose
# raw writer blocks on a second pipe until the consumer takes the bytes. The main
# program runs on while both wait.
import io
import time
from micro_thread import micro_pipe, start_and_forget, start_in_parallel


class PipeSource(io.RawIOBase):
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


class PipeSink(io.RawIOBase):
    def __init__(self, pipe):
        self.pipe = pipe

    def writable(self):
        return True

    def write(self, b):
        self.pipe.put(bytes(b))        # blocks until the consumer takes it
        return len(b)


def produce(pipe):
    text = "hello\r\ncafé ☕\nsecond\rthird line\r\nlast"
    data = text.encode("utf-8")
    for cut in (3, 6, 12, 13, 20, 27, 35, len(data)):
        time.sleep(0.001)
        pipe.put(data[:cut])
        data = data[cut:]
        if not data:
            break
    pipe.close()


def consume(pipe, got):
    for chunk in pipe:
        got.append(chunk)


def relay(src, dst):
    reader = io.TextIOWrapper(io.BufferedReader(PipeSource(src), buffer_size=4),
                              encoding="utf-8")
    writer = io.TextIOWrapper(io.BufferedWriter(PipeSink(dst), buffer_size=64),
                              encoding="utf-8", line_buffering=True, newline="\r\n")
    n = 0
    while True:
        line = reader.readline()
        if not line:
            break
        n += 1
        writer.write("%d %s" % (n, line.upper()))
    writer.write("(end)")
    writer.close()
    dst.close()
    return n


src = micro_pipe()
dst = micro_pipe()
got = []
start_and_forget(produce, src)
start_and_forget(consume, dst, got)
r = start_in_parallel(relay, src, dst)
print("main runs while the relay waits")
print(r.wait(), "lines")
time.sleep(0.01)
print(len(got) > 1)
print(b"".join(got).decode("utf-8").split("\r\n"))
