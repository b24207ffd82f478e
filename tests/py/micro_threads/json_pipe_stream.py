# expected output written by hand
# json.dump to file objects whose write() blocks on a micro_pipe (one-value buffer):
# Lib's encoder yields chunk after chunk, each write waits for the reader, and a
# reader micro-thread reassembles the document and json.load()s it from a file
# object whose read() drains another pipe. Two dumps run at once, interleaved by
# the pipes alone.
import json
from micro_thread import micro_pipe, start_in_parallel


class PipeWriter:
    def __init__(self, pipe):
        self.pipe = pipe
        self.writes = 0

    def write(self, text):
        self.writes += 1
        self.pipe.put(text)


class PipeReader:
    def __init__(self, pipe):
        self.pipe = pipe

    def read(self):
        return "".join(self.pipe)


def dump_into(pipe, doc, **kw):
    out = PipeWriter(pipe)
    json.dump(doc, out, **kw)
    pipe.close()
    return out.writes


order = []


def relay(name, src, dst):
    # Collect the chunks of one dump, then forward the whole text for json.load.
    chunks = []
    for chunk in src:
        order.append(name)
        chunks.append(chunk)
    dst.put("".join(chunks))
    dst.close()
    return chunks


a_chunks, a_text = micro_pipe(), micro_pipe()
b_chunks, b_text = micro_pipe(), micro_pipe()
doc_a = {"id": 7, "items": [1, 2], "ok": True}
doc_b = [{"name": "b\u00e9", "score": 2.5}, None]
writers = [start_in_parallel(dump_into, a_chunks, doc_a),
           start_in_parallel(dump_into, b_chunks, doc_b, indent=1, sort_keys=True)]
relays = [start_in_parallel(relay, "a", a_chunks, a_text),
          start_in_parallel(relay, "b", b_chunks, b_text)]
print(json.load(PipeReader(a_text)) == doc_a)
print(json.load(PipeReader(b_text)) == doc_b)
writes = [t.wait() for t in writers]
chunks = [t.wait() for t in relays]
print("writes", writes)
print(chunks[0])
print(chunks[1])
print("both interleaved:", "a" in order[:4] and "b" in order[:4])
print("".join(chunks[1]))
