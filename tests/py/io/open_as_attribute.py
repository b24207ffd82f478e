# A small storage layer that keeps its file opener as a class attribute (as dbm.dumb
# does with `_io.open`): the built-in `io.open` stays itself when read through an
# instance, and its argument and mode checks report CPython's messages.
import io
import os
import tempfile


class Store:
    opener = io.open          # a built-in function: no binding to the instance
    encoding = "utf-8"

    def __init__(self, folder):
        self.folder = folder

    def path(self, name):
        return os.path.join(self.folder, name + ".txt")

    def put(self, name, text):
        with self.opener(self.path(name), "w", encoding=self.encoding) as f:
            f.write(text)

    def get(self, name):
        with self.opener(self.path(name), encoding=self.encoding) as f:
            return f.read()

    def raw(self, name):
        with self.opener(self.path(name), "rb", buffering=0) as f:
            return type(f).__name__, f.read()


with tempfile.TemporaryDirectory() as d:
    s = Store(d)
    print(s.opener is io.open, Store.opener is io.open, type(s.opener).__name__)
    s.put("greeting", "hello\nwörld\n")
    print(repr(s.get("greeting")))
    print(s.raw("greeting"))

    p = s.path("greeting")
    bad_calls = [
        ((p, "rw"), {}),
        ((p, "rr"), {}),
        ((p, "q"), {}),
        ((p, "rtb"), {}),
        ((p, "wa"), {}),
        ((p, "xw+"), {}),
        ((p, ""), {}),
        ((p, "b"), {}),
        ((p, "rb"), {"encoding": "utf-8"}),
        ((p, "rb"), {"errors": "strict"}),
        ((p, "rb"), {"newline": "\n"}),
        ((p, 5), {}),
        ((p, "r", 1.5), {}),
        ((p, "r"), {"encoding": 8}),
        ((p, "r"), {"errors": b"x"}),
        ((p, "r"), {"newline": 0}),
        ((p, "r"), {"newline": "x"}),
        ((p, "r", -1, None, None, None, True, None, 9), {}),
        ((p,), {"mode": "r", "bogus": 1}),
        ((), {"mode": "r"}),
        ((p,), {"file": p}),
        (([p],), {}),
        ((p, "r\0"), {}),
        ((p, "r", 0), {}),
        ((os.path.join(d, "missing.txt"),), {}),
    ]
    for args, kwargs in bad_calls:
        try:
            s.opener(*args, **kwargs)
        except (TypeError, ValueError, OSError) as e:
            msg = str(e).replace(d, "<dir>")
            print(type(e).__name__ + ":", msg)
        else:
            print("opened", args[1:], kwargs)

    # A file descriptor, not closed with the wrapper when closefd=False.
    fd = os.open(p, os.O_RDONLY)
    with io.open(fd, "r", encoding="utf-8", closefd=False) as f:
        print(f.readline().rstrip(), f.mode, f.name == fd)
    print(os.read(fd, 3))
    os.close(fd)
    with open(p, "rb", buffering=0) as f:
        print(type(f).__name__, f.read(5))
