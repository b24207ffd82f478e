# Upload workers: each micro_thread reads its file's chunks from a pipe (the chunks
# arrive slowly), compresses them with a zlib stream, hashes them with the BLAKE2 and
# SHA-256 modules, base64-encodes the result and verifies the round trip. The
# built-ins that take the pipe (b"".join, bytes, map) read it while it waits.
import binascii
import zlib
import _blake2
import _sha256
from mtcompat import spawn_all, outcome, pipe_of, nap


def upload(name, size):
    chunks = [(b"%s-%d " % (name.encode(), i)) * 3 for i in range(size)]
    comp = zlib.compressobj(9, zlib.DEFLATED, -15)
    digest = _blake2.blake2b(digest_size=16, person=name.encode()[:16])
    packed = []
    for chunk in pipe_of(chunks):
        digest.update(chunk)
        packed.append(comp.compress(chunk))
        nap()
    packed.append(comp.flush())
    body = b"".join(pipe_of(packed))
    wire = binascii.b2a_base64(body, newline=False)
    back = zlib.decompress(binascii.a2b_base64(wire), -15)
    joined = b"".join(pipe_of(chunks))
    crcs = list(map(zlib.crc32, pipe_of(chunks[:3])))
    return (name, len(chunks), back == joined, digest.hexdigest(),
            _sha256.sha256(bytes(pipe_of(list(joined[:16])))).hexdigest()[:16], crcs)


def broken(name):
    for chunk in pipe_of([b"ok"], ValueError("disk failed while reading " + name)):
        zlib.compress(chunk)
    return "unreachable"


for t in spawn_all(upload, [("alpha", 5), ("beta", 8), ("gamma", 3)]):
    print(outcome(t))
print(outcome(spawn_all(broken, ["delta"])[0]))
