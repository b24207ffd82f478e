# Decoding records with str(bytes, encoding, errors) as a message store does, and a
# round trip through pickle's pure-Python pickler (which decodes with str(b, enc, errors)).
print(str(b"abc", "utf-8", "strict"), str(b"\xff", "utf-8", "replace"), str(b"x", encoding="ascii"), str(b"y", errors="ignore"))
print(str(bytearray(b"z"), "latin-1"), str(memoryview(b"mv"), "utf-8"), str(), str(5), repr(str(b"q")))
for a in [(1, "utf-8"), ("s", "utf-8")]:
    try: str(*a)
    except TypeError as e: print(e)
try: str(b"a", "utf-8", "strict", 4)
except TypeError as e: print(e)
import pickle
print(pickle._loads(pickle._dumps({"a": [1, "é", b"x"]})))
