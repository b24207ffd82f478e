# A frame shipper (PEP 574): video frames are pickled with protocol 5; their pixel
# buffers travel out of band through buffer_callback (no copy into the pickle
# stream) and come back zero-copy on the other side; small frames stay in band.
import pickle


class Frame(bytearray):
    """A mutable frame buffer that pickles its pixels as a PickleBuffer."""

    def __reduce_ex__(self, protocol):
        if protocol >= 5:
            return type(self)._rebuild, (pickle.PickleBuffer(self),), None
        return type(self)._rebuild, (bytes(self),)

    @classmethod
    def _rebuild(cls, data):
        with memoryview(data) as m:
            if type(m.obj) is cls:
                return m.obj        # zero-copy: the very object shipped
            return cls(m)


class Key(bytes):
    """A read-only key frame."""

    def __reduce_ex__(self, protocol):
        if protocol >= 5:
            return type(self)._rebuild, (pickle.PickleBuffer(self),), None
        return type(self)._rebuild, (bytes(self),)

    @classmethod
    def _rebuild(cls, data):
        with memoryview(data) as m:
            return m.obj if type(m.obj) is cls else cls(m)


def frames(n):
    for i in range(n):
        yield Frame(bytes([i]) * (4 + i))


def ship(batch, big=6):
    """Pickle a batch: frames of `big` bytes or more go out of band."""
    side = []

    def callback(pb):
        if len(pb.raw()) >= big:
            side.append(pb.raw())
            return False
        return True

    data = pickle.dumps(batch, protocol=5, buffer_callback=callback)
    return data, side


batch = list(frames(4)) + [Key(b"KEYFRAME")]
data, side = ship(batch)
print("pixels in stream", b"KEYFRAME" in data, b"\x03" * 7 in data, "side buffers", [bytes(b) for b in side])
print("opcodes", data.count(pickle.NEXT_BUFFER), data.count(pickle.READONLY_BUFFER))
back = pickle.loads(data, buffers=side)
print([type(f).__name__ for f in back])
print("zero copy", [a is b for a, b in zip(batch, back)])
try:
    pickle.loads(data)
except pickle.UnpicklingError as e:
    print("no buffers:", e)
try:
    pickle.loads(data, buffers=side[:1])
except pickle.UnpicklingError as e:
    print("short:", e)

# In band, and through the pure-Python pickler: copies, equal.
for dumps in (pickle.dumps, pickle._dumps):
    again = pickle.loads(dumps(batch, protocol=5))
    print(dumps.__name__, [a == b and a is not b for a, b in zip(batch, again)])
print("proto 4", pickle.loads(pickle.dumps(batch, 4)) == batch)

# A PickleBuffer over a bytearray shares its memory.
pixels = bytearray(b"\x00" * 4)
pb = pickle.PickleBuffer(pixels)
view = memoryview(pb)
view[1] = 255
print(pixels, view.obj is pixels, view.readonly, bytes(pb.raw()), pb.raw().format)
print(pickle.loads(pickle.dumps(pb, 5)), pickle.loads(pickle.dumps(pickle.PickleBuffer(b"ro"), 5)))
pb.release()
for f in (pb.raw, lambda: memoryview(pb), lambda: pickle.dumps(pb, 5)):
    try:
        f()
    except ValueError as e:
        print("released:", e)
for bad in ((1,), (), ("text",)):
    try:
        pickle.PickleBuffer(*bad)
    except TypeError as e:
        print("bad:", e)
try:
    pickle.dumps(pickle.PickleBuffer(b"x"), 4)
except pickle.PicklingError as e:
    print(e)
try:
    pickle.dumps(b"x", 4, buffer_callback=print)
except ValueError as e:
    print(e)
