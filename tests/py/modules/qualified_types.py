# Types outside builtins carry __module__ and print qualified, as in CPython.
import json
import struct

for t in [struct.error, json.JSONDecodeError, ValueError, OSError, FileNotFoundError, int]:
    print(repr(t), t.__name__, t.__qualname__, t.__module__, str(t))
try:
    struct.unpack("<i", b"ab")
except struct.error as e:
    print(repr(e), type(e), type(e).__name__, e)
try:
    json.loads("nope")
except ValueError as e:
    print(type(e), type(e).__name__, e)
print(issubclass(json.JSONDecodeError, ValueError), issubclass(struct.error, Exception))
