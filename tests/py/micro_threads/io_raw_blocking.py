# expected output written by hand
# A micro_thread blocking inside the write() of a Python RawIOBase subclass (a
# micro_pipe as the "device") under a BufferedWriter and a TextIOWrapper: the
# flush waits for the reader micro_thread, which consumes every chunk, while the
# rest of the program keeps running; readinto() waiting the same way under a
# BufferedReader.
import io
import time
from micro_thread import micro_pipe, start_and_forget, start_in_parallel


class PipeRaw(io.RawIOBase):
    """A raw stream whose write() blocks until a reader takes the chunk."""

    def __init__(self, pipe):
        self.pipe = pipe

    def writable(self):
        return True

    def write(self, b):
        self.pipe.put(bytes(b))        # blocks this micro_thread
        return len(b)


def consume(pipe, got):
    for chunk in pipe:
        time.sleep(0.001)
        got.append(chunk)


pipe = micro_pipe()
got = []
start_and_forget(consume, pipe, got)


def writer():
    # write_through: each write() reaches the BufferedWriter (else the text
    # collects in the wrapper's pending bytes until flush(), as CPython's does).
    out = io.TextIOWrapper(io.BufferedWriter(PipeRaw(pipe), buffer_size=16),
                           encoding="utf-8", write_through=True)
    for i in range(5):
        out.write("record %d\n" % i)
    out.flush()
    print("writer flushed")
    out.close()
    pipe.close()
    return "done"


w = start_in_parallel(writer)
print("main runs while the writer waits")
print(w.wait())
time.sleep(0.01)
print(b"".join(got).decode().splitlines())
print(len(got) > 1)


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


def produce(pipe):
    for part in (b"alpha\nbe", b"ta\ngam", b"ma\n"):
        time.sleep(0.001)
        pipe.put(part)
    pipe.close()


src = micro_pipe()
start_and_forget(produce, src)
reader = io.TextIOWrapper(io.BufferedReader(PipeSource(src)), encoding="utf-8")
print([line.rstrip() for line in reader])
